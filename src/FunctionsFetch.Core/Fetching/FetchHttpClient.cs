using System.Net;
using FunctionsFetch.Configuration;
using FunctionsFetch.Diagnostics;
using FunctionsFetch.Fetching.Guard;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace FunctionsFetch.Fetching;

/// <summary>Registers the named client every fetch goes through: guarded (<see cref="GuardedHttpClient"/>), with the retry + timeout pipeline.</summary>
public static class FetchHttpClient
{
    public const string Name = "FunctionsFetch.Fetch";

    public static IHttpClientBuilder AddFetchHttpClient(this IServiceCollection services)
    {
        // The pipeline's per-attempt timeout governs (the guarded client has no client-wide one, whose 100 s would cut retries short);
        // redirects are followed by UrlFetcher so each hop is counted and capped.
        var builder = services.AddGuardedHttpClient(Name);

        // No client-factory log handlers: they open a log scope and time every request, a cost per URL at 100,000 URLs
        // for lines nobody reads (a fetch's outcome is its result row and FetchMetrics).
        builder.RemoveAllLoggers();

        // Outermost first: the retry, then each attempt's turn toward its host, then the attempt's own timeout, so
        // waiting for a turn is never a timeout and every retry waits its turn again.
        builder.AddResilienceHandler("fetch-retry", (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<FetchOptions>>().Value;
            pipeline.AddRetry(CreateRetryOptions(options, context.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System));
        });
        builder.AddHttpMessageHandler(provider => new HostPolitenessHandler(
            provider.GetRequiredService<HostBackoff>(), provider.GetRequiredService<JobHostLimiters>(), provider.GetRequiredService<IOptions<FetchOptions>>(),
            provider.GetRequiredService<FetchMetrics>()));
        builder.AddResilienceHandler("fetch-attempt", (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<FetchOptions>>().Value;
            pipeline.AddTimeout(new HttpTimeoutStrategyOptions
            {
                TimeoutGenerator = args => ValueTask.FromResult(
                    args.Context.Properties.GetValue(FetchResilienceKeys.AttemptTimeout, TimeSpan.FromSeconds(options.Defaults.TimeoutSeconds))),
            });
        });

        return builder;
    }

    private static HttpRetryStrategyOptions CreateRetryOptions(FetchOptions options, TimeProvider time)
    {
        var baseDelay = TimeSpan.FromMilliseconds(options.RetryBaseDelayMilliseconds);
        var maxDelay = TimeSpan.FromSeconds(options.MaxRetryDelaySeconds);
        return new HttpRetryStrategyOptions
        {
            // The job's own maxAttempts is enforced in ShouldHandle; this is only the ceiling.
            MaxRetryAttempts = Math.Max(1, options.Limits.MaxAttempts - 1),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = baseDelay,
            MaxDelay = maxDelay,

            // Polly's own Retry-After reading is not capped by MaxDelay; this one is.
            ShouldRetryAfterHeader = false,
            DelayGenerator = args => ValueTask.FromResult(RetryDelay.FromRetryAfter(args.Outcome.Result?.Headers.RetryAfter, time.GetUtcNow(), maxDelay)),
            ShouldHandle = args =>
            {
                var properties = args.Context.Properties;
                var maxAttempts = properties.GetValue(FetchResilienceKeys.MaxAttempts, options.Defaults.MaxAttempts);
                var retryNumber = properties.GetValue(FetchResilienceKeys.PriorAttempts, 0) + args.AttemptNumber;
                var mayRetry = retryNumber + 1 < maxAttempts;
                var refused = args.Outcome.Exception is { } exception && FetchErrorClassifier.IsBlocked(exception);

                // A 501 to HEAD says the method is not supported, not that the server is down: UrlFetcher asks with GET instead.
                var headNotImplemented = args.Outcome.Result is { StatusCode: HttpStatusCode.NotImplemented, RequestMessage.Method.Method: "HEAD" };
                if (!mayRetry || refused || headNotImplemented || !HttpClientResiliencePredicates.IsTransient(args.Outcome))
                {
                    return ValueTask.FromResult(false);
                }

                // A wait too long to sit through goes back to the orchestration, which retries after a durable timer.
                var wait = RetryDelay.FromRetryAfter(args.Outcome.Result?.Headers.RetryAfter, time.GetUtcNow(), maxDelay)
                    ?? RetryDelay.Backoff(retryNumber, baseDelay, maxDelay);
                var handedBack = properties.TryGetValue(FetchResilienceKeys.HandBack, out var handBack) && handBack.TryHandBack(wait);
                return ValueTask.FromResult(!handedBack);
            },
            OnRetry = args =>
            {
                if (args.Context.Properties.TryGetValue(FetchResilienceKeys.Attempts, out var counter))
                {
                    counter.Increment();
                }

                return ValueTask.CompletedTask;
            },
        };
    }
}
