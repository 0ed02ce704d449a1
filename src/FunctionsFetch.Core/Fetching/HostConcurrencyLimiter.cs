using System.Threading.RateLimiting;
using FunctionsFetch.Configuration;
using Microsoft.Extensions.Options;

namespace FunctionsFetch.Fetching;

/// <summary>
/// At most <c>Fetch:MaxConcurrencyPerHost</c> fetches to one host at once in this process, queued in
/// arrival order, so one slow site cannot hold every slot.
/// </summary>
public sealed class HostConcurrencyLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public HostConcurrencyLimiter(IOptions<FetchOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var perHost = options.Value.MaxConcurrencyPerHost;
        _limiter = PartitionedRateLimiter.Create<string, string>(host => RateLimitPartition.GetConcurrencyLimiter(host, _ => new ConcurrencyLimiterOptions
        {
            PermitLimit = perHost,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }));
    }

    /// <summary>Waits for a slot for <paramref name="host"/>; dispose the lease to give it back.</summary>
    public async ValueTask<RateLimitLease> AcquireAsync(Uri target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        return await _limiter.AcquireAsync(target.IdnHost.ToLowerInvariant(), 1, cancellationToken);
    }

    public void Dispose() => _limiter.Dispose();
}
