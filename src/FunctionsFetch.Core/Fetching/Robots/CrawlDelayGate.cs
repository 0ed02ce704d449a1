namespace FunctionsFetch.Fetching.Robots;

/// <summary>
/// Spaces the requests to one host by at least its <c>Crawl-delay</c>, in this process: each caller reserves the
/// next free start time (on the monotonic clock) and waits until it comes.
/// </summary>
public sealed class CrawlDelayGate(TimeProvider? time = null)
{
    // Past this many hosts, those whose next start has passed are dropped.
    private const int PruneAbove = 10_000;

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Dictionary<string, long> _nextStart = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Waits until a request to <paramref name="host"/> may start, <paramref name="spacing"/> after the previous one.</summary>
    public Task WaitTurnAsync(string host, TimeSpan spacing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        TimeSpan wait;
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            if (_nextStart.Count > PruneAbove)
            {
                foreach (var stale in _nextStart.Where(e => e.Value <= now).Select(e => e.Key).ToList())
                {
                    _nextStart.Remove(stale);
                }
            }

            var start = _nextStart.TryGetValue(host, out var next) && next > now ? next : now;
            _nextStart[host] = start + (long)(spacing.TotalSeconds * _time.TimestampFrequency);
            wait = _time.GetElapsedTime(now, start);
        }

        return wait > TimeSpan.Zero ? Task.Delay(wait, _time, cancellationToken) : Task.CompletedTask;
    }
}
