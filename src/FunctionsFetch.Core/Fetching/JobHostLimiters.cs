using System.Threading.RateLimiting;

namespace FunctionsFetch.Fetching;

/// <summary>
/// Each job's own limits per host in this process: a concurrency limiter of <c>maxPerHost</c> and, with
/// <c>maxRatePerHost</c>, a token bucket that admits that many requests a second, evenly (no burst beyond one
/// refill). Partitions are keyed by job and host, and ones left idle are dropped by the limiter itself.
/// </summary>
public sealed class JobHostLimiters : IDisposable
{
    /// <summary>Shortest refill period of a rate limit, so a high rate refills in small, even steps.</summary>
    private static readonly TimeSpan ShortestRefill = TimeSpan.FromMilliseconds(50);

    private readonly PartitionedRateLimiter<Key> _concurrency = PartitionedRateLimiter.Create<Key, Key>(key =>
        RateLimitPartition.GetConcurrencyLimiter(key, k => new ConcurrencyLimiterOptions
        {
            PermitLimit = k.MaxPerHost,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }));

    private readonly PartitionedRateLimiter<Key> _rate = PartitionedRateLimiter.Create<Key, Key>(key =>
        key.MaxRatePerHost <= 0 ? RateLimitPartition.GetNoLimiter(key) : RateLimitPartition.GetTokenBucketLimiter(key, k => Bucket(k.MaxRatePerHost)));

    /// <summary>A place among the job's fetches in flight to <paramref name="host"/>; dispose it to give it back.</summary>
    internal async ValueTask<RateLimitLease> EnterAsync(JobHostLimits limits, string host, CancellationToken cancellationToken)
    {
        var lease = await _concurrency.AcquireAsync(Key.Of(limits, host), 1, cancellationToken);
        return lease.IsAcquired ? lease : throw new InvalidOperationException($"The per-host limit of job {limits.JobId} refused a request it should have queued.");
    }

    /// <summary>Waits until the job's rate toward <paramref name="host"/> admits one more request.</summary>
    internal async ValueTask WaitForRateAsync(JobHostLimits limits, string host, CancellationToken cancellationToken)
    {
        if (limits.MaxRatePerHost <= 0)
        {
            return;
        }

        using var token = await _rate.AcquireAsync(Key.Of(limits, host), 1, cancellationToken);
        if (!token.IsAcquired)
        {
            throw new InvalidOperationException($"The per-host rate of job {limits.JobId} refused a request it should have queued.");
        }
    }

    public void Dispose()
    {
        _concurrency.Dispose();
        _rate.Dispose();
    }

    /// <summary><paramref name="perSecond"/> requests a second in refills of at least <see cref="ShortestRefill"/>.</summary>
    internal static TokenBucketRateLimiterOptions Bucket(int perSecond)
    {
        var tokens = Math.Max(1, (int)Math.Ceiling(perSecond * ShortestRefill.TotalSeconds));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = tokens,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = TimeSpan.FromSeconds(tokens / (double)perSecond),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        };
    }

    private readonly record struct Key(string JobId, string Host, int MaxPerHost, int MaxRatePerHost)
    {
        public static Key Of(JobHostLimits limits, string host) => new(limits.JobId, host, limits.MaxPerHost, limits.MaxRatePerHost);
    }
}
