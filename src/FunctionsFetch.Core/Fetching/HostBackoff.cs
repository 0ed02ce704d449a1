using System.Collections.Concurrent;
using FunctionsFetch.Configuration;
using Microsoft.Extensions.Options;

namespace FunctionsFetch.Fetching;

/// <summary>
/// Per-host back-off shared by every batch in this process (<see cref="AdaptiveHostLimit"/>), each host starting at
/// <c>Fetch:MaxConcurrencyPerHost</c>. Once many hosts are known, those with nothing in flight, no hold and no throttling
/// for five minutes are forgotten (a host forgotten while backed off starts again at the ceiling), so a job over
/// 100,000 hosts does not keep 100,000 entries.
/// </summary>
public sealed class HostBackoff(IOptions<FetchOptions> options, TimeProvider time)
{
    /// <summary>Known hosts past which quiet ones are forgotten.</summary>
    internal const int SweepAbove = 10_000;

    /// <summary>How long a host that throttled stays remembered after it recovered.</summary>
    private static readonly TimeSpan RememberedFor = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, AdaptiveHostLimit> _hosts = new(StringComparer.Ordinal);
    /// <summary>Hosts are counted every this many lookups, not on each: counting a concurrent map takes all its locks.</summary>
    private const int CountEvery = 1024;

    private readonly int _ceiling = options.Value.MaxConcurrencyPerHost;
    private int _sweeping;
    private int _lookups;
    private int _throttleEvents;

    public HostBackoff(IOptions<FetchOptions> options)
        : this(options, TimeProvider.System)
    {
    }

    internal TimeProvider Time => time;

    /// <summary>Whether any host in this process has ever throttled: until one does, a batch has nothing to report.</summary>
    public bool AnyThrottled => Volatile.Read(ref _throttleEvents) > 0;

    /// <summary>Counts a 429 or 503 from any host (see <see cref="AnyThrottled"/>).</summary>
    internal void CountThrottle() => Interlocked.Increment(ref _throttleEvents);

    internal AdaptiveHostLimit For(string host)
    {
        if (Interlocked.Increment(ref _lookups) % CountEvery == 0 && _hosts.Count > SweepAbove)
        {
            Sweep();
        }

        return _hosts.GetOrAdd(host, static (_, backoff) => new AdaptiveHostLimit(backoff._ceiling, backoff.Time), this);
    }

    /// <summary>
    /// Of <paramref name="hosts"/>, those that throttled since <paramref name="since"/> (a <see cref="TimeProvider"/>
    /// timestamp) or are still backed off, as a job's status lists them, most throttled first.
    /// </summary>
    public IReadOnlyList<ThrottledHost> Throttled(IEnumerable<string> hosts, long since)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var now = time.GetUtcNow();
        var throttled = new List<ThrottledHost>();
        foreach (var host in hosts.Distinct(StringComparer.Ordinal))
        {
            if (_hosts.TryGetValue(host, out var limit) && limit.ThrottledSince(since))
            {
                var hold = limit.Hold();
                throttled.Add(new ThrottledHost(host, limit.Limit, hold > TimeSpan.Zero ? now + hold : null));
            }
        }

        return ThrottledHost.MostThrottled(throttled);
    }

    private void Sweep()
    {
        if (Interlocked.Exchange(ref _sweeping, 1) == 1)
        {
            return;
        }

        try
        {
            foreach (var (host, limit) in _hosts)
            {
                if (limit.IsIdle(RememberedFor))
                {
                    // Only this entry: one created for the host since is kept.
                    _hosts.TryRemove(KeyValuePair.Create(host, limit));
                }
            }
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }
}
