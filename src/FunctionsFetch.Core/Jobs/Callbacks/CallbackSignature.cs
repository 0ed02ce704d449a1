using System.Security.Cryptography;
using System.Text;

namespace FunctionsFetch.Jobs.Callbacks;

/// <summary>
/// How a callback is signed: <c>X-FunctionsFetch-Signature: sha256=&lt;lowercase hex HMAC-SHA256 of the body bytes, keyed with the UTF-8
/// bytes of Fetch:CallbackSecret&gt;</c>; and the delivery id a receiver drops repeats by.
/// </summary>
public static class CallbackSignature
{
    public const string SignatureHeader = "X-FunctionsFetch-Signature";

    public const string DeliveryHeader = "X-FunctionsFetch-Delivery";

    private const string Scheme = "sha256=";

    /// <summary>The signature header's value for <paramref name="body"/>.</summary>
    public static string Sign(ReadOnlySpan<byte> body, string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return Scheme + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
    }

    /// <summary>Whether <paramref name="signature"/> is <paramref name="body"/>'s, compared in constant time (what a receiver does).</summary>
    public static bool Verify(ReadOnlySpan<byte> body, string secret, string? signature) =>
        signature is not null &&
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(body, secret)), Encoding.ASCII.GetBytes(signature));
}
