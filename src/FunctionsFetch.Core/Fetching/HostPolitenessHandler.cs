using System.Net;
using FunctionsFetch.Configuration;
using FunctionsFetch.Diagnostics;
using Microsoft.Extensions.Options;
using Polly;

namespace FunctionsFetch.Fetching;

/// <summary>
/// Sits between the retry and each attempt, so every attempt (a retry too) waits its turn toward its host: first the
/// host's <c>Retry-After</c> hold (one longer than the job's hand-back threshold is not waited out: the fetch is handed
/// back, <see cref="HostHoldException"/>, unless this is its last attempt), then the job's own <c>maxPerHost</c> and
/// <c>maxRatePerHost</c>, then the host's adapted limit (<see cref="HostBackoff"/>). It tells the host's limit how each answer went, and
/// keeps its places until the response is disposed. The per-attempt timeout is inside it, so waiting here is no timeout.
/// Each 429 or 503 counts in <see cref="FetchMetrics"/> (by status code: the host stays out of the labels).
/// </summary>
internal sealed class HostPolitenessHandler(HostBackoff backoff, JobHostLimiters jobLimits, IOptions<FetchOptions> options, FetchMetrics metrics) : DelegatingHandler
{
    private readonly TimeSpan _maxRetryDelay = TimeSpan.FromSeconds(options.Value.MaxRetryDelaySeconds);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var host = HostAuthority.Of(request.RequestUri!);
        var limit = backoff.For(host);
        var properties = request.GetResilienceContext()?.Properties;
        if (properties?.GetValue(FetchResilienceKeys.OutsidePoliteness, false) == true)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var job = properties?.GetValue(FetchResilienceKeys.HostLimits, null!);
        var handBackAfter = job is not null && !IsLastAttempt(properties!) ? job.HandBackAfter : TimeSpan.Zero;
        await WaitOutHoldAsync(limit, host, handBackAfter, cancellationToken);

        var places = new Places();
        try
        {
            if (job is not null)
            {
                places.Job = await jobLimits.EnterAsync(job, host, cancellationToken);

                // Before the host's place: a slow rate of one job must not hold places other jobs could use.
                await jobLimits.WaitForRateAsync(job, host, cancellationToken);
            }

            var step = await limit.EnterAsync(cancellationToken);
            places.Host = limit;

            // A hold can begin while this request queued: it waits that out too, its place kept.
            await WaitOutHoldAsync(limit, host, handBackAfter, cancellationToken);

            var response = await base.SendAsync(request, cancellationToken);
            var throttled = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable;
            if (throttled)
            {
                backoff.CountThrottle();
                metrics.HostThrottled((int)response.StatusCode);
            }

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

    /// <summary>
    /// The URL's last attempt waits a hold out (at most <c>Fetch:MaxRetryDelaySeconds</c>) rather than handing back, so a
    /// host that keeps holding costs a URL at most <c>maxAttempts</c> rounds.
    /// </summary>
    private static bool IsLastAttempt(ResilienceProperties properties) =>
        properties.TryGetValue(FetchResilienceKeys.Attempts, out var attempts) &&
        attempts.Count >= properties.GetValue(FetchResilienceKeys.MaxAttempts, int.MaxValue);

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
