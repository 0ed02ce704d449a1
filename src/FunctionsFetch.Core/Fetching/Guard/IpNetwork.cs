using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace FunctionsFetch.Fetching.Guard;

/// <summary>An address range in CIDR form (<c>10.0.0.0/8</c>, <c>fc00::/7</c>).</summary>
public sealed record IpNetwork(IPAddress Prefix, int PrefixLength)
{
    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != Prefix.AddressFamily)
        {
            return false;
        }

        var wanted = Prefix.GetAddressBytes();
        var actual = address.GetAddressBytes();
        var fullBytes = PrefixLength / 8;
        for (var i = 0; i < fullBytes; i++)
        {
            if (wanted[i] != actual[i])
            {
                return false;
            }
        }

        var remainingBits = PrefixLength % 8;
        if (remainingBits == 0)
        {
            return true;
        }

        var mask = (byte)(0xFF << (8 - remainingBits));
        return (wanted[fullBytes] & mask) == (actual[fullBytes] & mask);
    }

    public static IpNetwork Parse(string text) =>
        TryParse(text, out var network) ? network : throw new FormatException($"'{text}' is not a CIDR range.");

    public static bool TryParse(string? text, [NotNullWhen(true)] out IpNetwork? network)
    {
        network = null;
        var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (text is null || slash <= 0 || !IPAddress.TryParse(text[..slash], out var prefix) ||
            !int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            return false;
        }

        var maxLength = prefix.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (length > maxLength)
        {
            return false;
        }

        network = new IpNetwork(prefix, length);
        return true;
    }

    public override string ToString() => $"{Prefix}/{PrefixLength}";
}
