using FunctionsFetch.Fetching;

namespace FunctionsFetch.Jobs;

/// <summary>
/// The orchestration's view of the hosts throttling its job, merged from its batches' outcomes: the latest report of
/// each host wins, and a host no batch has reported for <see cref="ForgetAfter"/> of orchestration time has recovered
/// (batches report only hosts still throttled). Deterministic: it reads only the context's replayed clock.
/// </summary>
internal sealed class ThrottledHostsSeen
{
    /// <summary>How long a host stays listed after the last batch that reported it.</summary>
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, (ThrottledHost Host, DateTime SeenAt)> _hosts = new(StringComparer.Ordinal);

    public void Add(IReadOnlyList<ThrottledHost>? reported, DateTime now)
    {
        foreach (var host in reported ?? [])
        {
            _hosts[host.Host] = (host, now);
        }
    }

    /// <summary>The hosts to show now, most throttled first, at most <see cref="ThrottledHost.MaxListed"/>.</summary>
    public IReadOnlyList<ThrottledHost> Current(DateTime now)
    {
        foreach (var stale in _hosts.Where(h => now - h.Value.SeenAt > ForgetAfter).Select(h => h.Key).ToArray())
        {
            _hosts.Remove(stale);
        }

        return ThrottledHost.MostThrottled(_hosts.Values.Select(h => h.Host));
    }
}
