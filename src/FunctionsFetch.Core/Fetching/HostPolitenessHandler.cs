using System.Net;
using FunctionsFetch.Configuration;
using Microsoft.Extensions.Options;

namespace FunctionsFetch.Fetching;

/// <summary>
/// Sits between the retry and each attempt, so every attempt (a retry too) waits its turn toward its host: first the
/// host's <c>Retry-After</c> hold (one longer than the job's hand-back threshold is not waited out: the fetch is handed
/// back, <see cref="HostHoldException"/>), then the job's own <c>maxPerHost</c>, then the host's adapted limit
/// (<see cref="HostBackoff"/>), then the job's <c>maxRatePerHost</c>. It tells the host's limit how each answer went, and
/// keeps its places until the response is disposed. The per-attempt timeout is inside it, so waiting here is no timeout.
/// </summary>
internal sealed class HostPolitenessHandler(HostBackoff backoff, JobHostLimiters jobLimits, IOptions<FetchOptions> options) : DelegatingHandler
{
    private readonly TimeSpan _maxRetryDelay = TimeSpan.FromSeconds(options.Value.MaxRetryDelaySeconds);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var host = HostAuthority.Of(request.RequestUri!);
        var limit = backoff.For(host);
        var job = request.GetResilienceContext()?.Properties.GetValue(FetchResilienceKeys.HostLimits, null!);
        var handBackAfter = job?.HandBackAfter ?? TimeSpan.Zero;
        await WaitOutHoldAsync(limit, host, handBackAfter, cancellationToken);

        var places = new Places();
        try
        {
            if (job is not null)
            {
                places.Job = await jobLimits.EnterAsync(job, host, cancellationToken);
            }

            var step = await limit.EnterAsync(cancellationToken);
            places.Host = limit;

            // A hold can begin while this request queued: it waits that out too, its place kept.
            await WaitOutHoldAsync(limit, host, handBackAfter, cancellationToken);
            if (job is not null)
            {
                await jobLimits.WaitForRateAsync(job, host, cancellationToken);
            }

            var response = await base.SendAsync(request, cancellationToken);
            var throttled = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable;
            limit.Report(step, throttled, throttled ? RetryDelay.FromRetryAfter(response.Headers.RetryAfter, backoff.Time.GetUtcNow(), _maxRetryDelay) : null);
            response.Content = new LeasedContent(response.Content, places);
            places = null;
            return response;
        }
        finally
        {
            places?.Dispose();
        }
    }

    private async Task WaitOutHoldAsync(AdaptiveHostLimit limit, string host, TimeSpan handBackAfter, CancellationToken cancellationToken)
    {
        var hold = limit.Hold();
        if (hold <= TimeSpan.Zero)
        {
            return;
        }

        if (handBackAfter > TimeSpan.Zero && hold > handBackAfter)
        {
            throw new HostHoldException(host, hold);
        }

        await Task.Delay(hold, backoff.Time, cancellationToken);
    }

    /// <summary>The places one attempt holds, given back together.</summary>
    private sealed class Places : IDisposable
    {
        public System.Threading.RateLimiting.RateLimitLease? Job { get; set; }

        public AdaptiveHostLimit? Host { get; set; }

        public void Dispose()
        {
            Host?.Leave();
            Host = null;
            Job?.Dispose();
            Job = null;
        }
    }
}
