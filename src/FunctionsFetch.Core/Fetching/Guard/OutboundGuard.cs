using System.Globalization;
using System.Net;
using System.Net.Sockets;
using FunctionsFetch.Configuration;
using Microsoft.Extensions.Options;

namespace FunctionsFetch.Fetching.Guard;

/// <summary>
/// Decides, after name resolution and for every connection (every redirect hop included), which addresses
/// a fetch may connect to. Checking the resolved address where the socket connects means neither a URL's
/// spelling, a DNS answer that changes, nor a redirect can reach a refused network.
/// </summary>
public sealed class OutboundGuard
{
    private readonly IHostResolver _resolver;
    private readonly bool _allowPrivateNetworks;
    private readonly IReadOnlyList<AllowedTarget> _allowed;

    public OutboundGuard(IOptions<FetchOptions> options, IHostResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(options);
        _resolver = resolver;
        _allowPrivateNetworks = options.Value.AllowPrivateNetworks;
        _allowed = options.Value.AllowedTargets.Select(Parse).ToArray();
    }

    public async Task<GuardDecision> DecideAsync(string host, int port, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = host.Trim('[', ']');
        var addresses = IPAddress.TryParse(name, out var literal)
            ? [literal]
            : await _resolver.ResolveAsync(name, cancellationToken);

        var allowed = new List<IPAddress>();
        string? refusal = null;
        foreach (var address in addresses)
        {
            var rule = Check(name, address, port);
            if (rule is null)
            {
                allowed.Add(address);
            }
            else
            {
                refusal ??= rule;
            }
        }

        return new GuardDecision(allowed, allowed.Count == 0 ? refusal ?? "no address" : null);
    }

    /// <summary>The rule refusing this address for this host and port, or null when it may be used.</summary>
    public string? Check(string host, IPAddress address, int port) => Check(_allowed, _allowPrivateNetworks, host, address, port);

    /// <summary>
    /// What a URL's spelling alone says, before any connection: the refusal message when its host is a literal address
    /// (or <c>localhost</c>) the guard would refuse; null otherwise, as a name is judged by its addresses where it connects.
    /// </summary>
    public static string? SpellingRefusal(Uri url, FetchOptions options)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(options);
        var host = url.IdnHost.Trim('[', ']');
        IPAddress? address = IPAddress.TryParse(host, out var literal) ? literal
            : host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
            : null;
        if (address is null)
        {
            return null;
        }

        var allowed = options.AllowedTargets.Select(Parse).ToArray();
        return Check(allowed, options.AllowPrivateNetworks, host, address, url.Port) is { } refusal ? RefusalMessage(url.Host, url.Port, refusal) : null;
    }

    private static string? Check(IReadOnlyList<AllowedTarget> allowed, bool allowPrivateNetworks, string host, IPAddress address, int port)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (allowed.Any(t => t.Network is not null && t.Matches(host, address, port)))
        {
            return null;
        }

        var hostEntry = allowed.Any(t => t.Host is not null && t.Matches(host, address, port));
        return AddressRules.Refusal(address, allowPrivateNetworks || hostEntry);
    }

    /// <summary>What a blocked result says: the target, the rule, and the setting that would allow it.</summary>
    public static string RefusalMessage(string host, int port, string refusal)
    {
        // Metadata endpoints stay refused under Fetch:AllowPrivateNetworks; only an explicit entry allows one.
        var howToAllow = refusal == AddressRules.CloudMetadata
            ? "an address entry in Fetch:AllowedTargets"
            : "Fetch:AllowedTargets or Fetch:AllowPrivateNetworks";
        return string.Create(CultureInfo.InvariantCulture, $"Refused {host}:{port}: {refusal}. Allow it with {howToAllow}.");
    }

    /// <summary>The callback the fetch client's handler connects through.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endpoint = context.DnsEndPoint;
        var decision = await DecideAsync(endpoint.Host, endpoint.Port, cancellationToken);
        if (decision.IsBlocked)
        {
            throw new BlockedDestinationException(RefusalMessage(endpoint.Host, endpoint.Port, decision.Refusal!));
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(decision.Allowed.ToArray(), endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static AllowedTarget Parse(string entry) =>
        AllowedTarget.TryParse(entry, out var target)
            ? target
            : throw new OptionsValidationException(FetchOptions.SectionName, typeof(FetchOptions), [$"Fetch:AllowedTargets entry '{entry}' is not a host, address or CIDR range (with an optional :port)."]);
}
