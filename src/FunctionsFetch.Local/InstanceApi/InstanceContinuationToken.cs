using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace FunctionsFetch.Local.InstanceApi;

/// <summary>
/// The list endpoint's <c>x-ms-continuation-token</c>: the engine's own token wrapped in ours, base64url of
/// <c>ff1:</c>, a checksum of the engine token, <c>:</c> and the engine token. Any engine's token pages the
/// same way, and a token this API did not hand out (or one cut short or edited) is refused instead of
/// reaching the engine, which would answer an empty page.
/// </summary>
internal static class InstanceContinuationToken
{
    private const string Version = "ff1:";
    private const int ChecksumChars = 8;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Wrap(string engineToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(engineToken);
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{Version}{Checksum(engineToken)}:{engineToken}"));
    }

    /// <summary>The engine token inside a token <see cref="Wrap"/> made; false for anything else.</summary>
    public static bool TryUnwrap(string token, [NotNullWhen(true)] out string? engineToken)
    {
        engineToken = null;
        if (!Base64Url.IsValid(token))
        {
            return false;
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        var body = text.AsSpan();
        if (!body.StartsWith(Version, StringComparison.Ordinal) ||
            body.Length <= Version.Length + ChecksumChars + 1 ||
            body[Version.Length + ChecksumChars] != ':')
        {
            return false;
        }

        var candidate = body[(Version.Length + ChecksumChars + 1)..].ToString();
        if (!body.Slice(Version.Length, ChecksumChars).SequenceEqual(Checksum(candidate)))
        {
            return false;
        }

        engineToken = candidate;
        return true;
    }

    private static string Checksum(string engineToken) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(engineToken)).AsSpan(0, ChecksumChars / 2));
}
