using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace FunctionsFetch.Fetching.Guard;

/// <summary>
/// One <c>Fetch:AllowedTargets</c> entry: a CIDR range (<c>10.1.0.0/16</c>), an address (<c>10.1.2.3</c>,
/// <c>[fd00::1]</c>) or a host name (<c>intranet.example</c>), each optionally with <c>:port</c>.
/// </summary>
public sealed record AllowedTarget(IpNetwork? Network, string? Host, int? Port)
{
    public bool Matches(string host, IPAddress address, int port)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (Port is not null && Port != port)
        {
            return false;
        }

        if (Network is null)
        {
            return string.Equals(Host, host, StringComparison.OrdinalIgnoreCase);
        }

        return Network.Contains(address) || (AddressRules.EmbeddedIPv4(address) is { } v4 && Network.Contains(v4));
    }

    public static bool TryParse(string? text, [NotNullWhen(true)] out AllowedTarget? target)
    {
        target = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (IpNetwork.TryParse(text, out var range))
        {
            target = new AllowedTarget(range, null, null);
            return true;
        }

        var (hostPart, port) = SplitPort(text);
        if (hostPart is null)
        {
            return false;
        }

        if (IPAddress.TryParse(hostPart.Trim('[', ']'), out var address))
        {
            var bits = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
            target = new AllowedTarget(new IpNetwork(address, bits), null, port);
            return true;
        }

        if (Uri.CheckHostName(hostPart) != UriHostNameType.Dns)
        {
            return false;
        }

        target = new AllowedTarget(null, hostPart.ToLowerInvariant(), port);
        return true;
    }

    private static (string? Host, int? Port) SplitPort(string text)
    {
        var colon = text.LastIndexOf(':');
        var bracketEnd = text.LastIndexOf(']');
        var isBareIPv6 = text.Count(c => c == ':') > 1 && !text.StartsWith('[');
        if (colon < 0 || colon < bracketEnd || isBareIPv6)
        {
            return (text, null);
        }

        return int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? (text[..colon], port)
            : (null, null);
    }
}
