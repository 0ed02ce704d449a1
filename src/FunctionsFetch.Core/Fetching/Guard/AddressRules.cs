using System.Net;
using System.Net.Sockets;

namespace FunctionsFetch.Fetching.Guard;

/// <summary>
/// The ranges the outbound guard refuses by default, each with the name a <c>blocked</c> result reports.
/// IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by that address.
/// </summary>
public static class AddressRules
{
    /// <summary>Cloud metadata and platform endpoints: refused even when private networks are allowed.</summary>
    public const string CloudMetadata = "cloud metadata endpoint";

    private static readonly (string Rule, IpNetwork Network)[] Metadata =
    [
        (CloudMetadata, IpNetwork.Parse("169.254.169.254/32")),
        (CloudMetadata, IpNetwork.Parse("168.63.129.16/32")),
        (CloudMetadata, IpNetwork.Parse("100.100.100.200/32")),
        (CloudMetadata, IpNetwork.Parse("fd00:ec2::254/128")),
    ];

    private static readonly (string Rule, IpNetwork Network)[] NonPublic =
    [
        ("unspecified (0.0.0.0/8)", IpNetwork.Parse("0.0.0.0/8")),
        ("loopback (127.0.0.0/8)", IpNetwork.Parse("127.0.0.0/8")),
        ("private (10.0.0.0/8)", IpNetwork.Parse("10.0.0.0/8")),
        ("private (172.16.0.0/12)", IpNetwork.Parse("172.16.0.0/12")),
        ("private (192.168.0.0/16)", IpNetwork.Parse("192.168.0.0/16")),
        ("link-local (169.254.0.0/16)", IpNetwork.Parse("169.254.0.0/16")),
        ("shared address space (100.64.0.0/10)", IpNetwork.Parse("100.64.0.0/10")),
        ("IETF protocol assignments (192.0.0.0/24)", IpNetwork.Parse("192.0.0.0/24")),
        ("benchmarking (198.18.0.0/15)", IpNetwork.Parse("198.18.0.0/15")),
        ("multicast (224.0.0.0/4)", IpNetwork.Parse("224.0.0.0/4")),
        ("reserved (240.0.0.0/4)", IpNetwork.Parse("240.0.0.0/4")),
        ("unspecified (::)", IpNetwork.Parse("::/128")),
        ("loopback (::1)", IpNetwork.Parse("::1/128")),
        ("unique-local (fc00::/7)", IpNetwork.Parse("fc00::/7")),
        ("link-local (fe80::/10)", IpNetwork.Parse("fe80::/10")),
        ("site-local (fec0::/10)", IpNetwork.Parse("fec0::/10")),
        ("multicast (ff00::/8)", IpNetwork.Parse("ff00::/8")),
    ];

    private static readonly IpNetwork Nat64 = IpNetwork.Parse("64:ff9b::/96");
    private static readonly IpNetwork SixToFour = IpNetwork.Parse("2002::/16");
    private static readonly IpNetwork Compatible = IpNetwork.Parse("::/96");

    /// <summary>The rule that refuses <paramref name="address"/>, or null when it is a public address.</summary>
    /// <param name="address">The address a connection would go to.</param>
    /// <param name="allowPrivateNetworks">When true only the cloud metadata endpoints are refused.</param>
    public static string? Refusal(IPAddress address, bool allowPrivateNetworks)
    {
        ArgumentNullException.ThrowIfNull(address);
        var effective = EmbeddedIPv4(address) ?? address;
        foreach (var (rule, network) in Metadata)
        {
            if (network.Contains(effective))
            {
                return rule;
            }
        }

        if (allowPrivateNetworks)
        {
            return null;
        }

        foreach (var (rule, network) in NonPublic)
        {
            if (network.Contains(effective))
            {
                return effective.Equals(address) ? rule : $"{rule}, as {address}";
            }
        }

        return null;
    }

    /// <summary>The IPv4 address an IPv6 address stands for (mapped, compatible, NAT64, 6to4), if any.</summary>
    public static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        if (Nat64.Contains(address) || (Compatible.Contains(address) && !IPAddress.IPv6Any.Equals(address) && !IPAddress.IPv6Loopback.Equals(address)))
        {
            return new IPAddress(bytes.AsSpan(12, 4));
        }

        return SixToFour.Contains(address) ? new IPAddress(bytes.AsSpan(2, 4)) : null;
    }
}
