using System.Diagnostics;
using System.Net;
using FunctionsFetch.Configuration;
using FunctionsFetch.Fetching.Robots;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace FunctionsFetch.Fetching;

/// <summary>
/// Fetches one URL: retries and per-attempt timeout come from the client's pipeline; redirects are
/// followed here (each hop counted and capped); the body is streamed through SHA-256 up to the cap and,
/// when the job saves bodies, into the job's body store in the same pass. Each attempt waits its turn toward its host
/// (<see cref="HostPolitenessHandler"/>, in the client's pipeline).
/// </summary>
public sealed class UrlFetcher(IHttpClientFactory httpClientFactory, RobotsGate robots)
{
    public Task<UrlResult> FetchAsync(int index, string url, JobSettings settings, CancellationToken cancellationToken) =>
        FetchAsync(index, url, settings, bodies: null, cancellationToken);

    /// <summary>Fetches <paramref name="url"/>, sitting through every retry wait.</summary>
    public async Task<UrlResult> FetchAsync(int index, string url, JobSettings settings, IBodySink? bodies, CancellationToken cancellationToken) =>
        (await FetchOrHandBackAsync(index, url, settings, bodies, priorAttempts: 0, handBackAfter: TimeSpan.Zero, jobId: null, cancellationToken)).Result;

    /// <param name="index">The result's index.</param>
    /// <param name="url">What to fetch.</param>
    /// <param name="settings">The job's settings.</param>
    /// <param name="bodies">With <see cref="JobSettings.SaveBodies"/>, where the final response's body is stored as it is read.</param>
    /// <param name="priorAttempts">Attempts earlier batches made before handing this URL back; they count toward maxAttempts.</param>
    /// <param name="handBackAfter">A retry wait (or a host's hold) longer than this is not sat through: the fetch ends handed back. Zero: never.</param>
    /// <param name="jobId">The job whose <c>maxPerHost</c> and <c>maxRatePerHost</c> apply; null: only the process's per-host limits.</param>
    /// <param name="cancellationToken">Aborts the fetch; the result then says so.</param>
    public async Task<UrlFetch> FetchOrHandBackAsync(
        int index, string url, JobSettings settings, IBodySink? bodies, int priorAttempts, TimeSpan handBackAfter, string? jobId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var stopwatch = Stopwatch.StartNew();
        if (!HttpUrl.TryParse(url, out var current))
        {
            return new UrlFetch(UrlResult.NotFetched(index, url, FetchErrorKind.InvalidUrl, "Not an absolute http or https URL."));
        }

        var client = httpClientFactory.CreateClient(FetchHttpClient.Name);
        var attempts = new AttemptCounter(priorAttempts);
        var handBack = new RetryHandBack(handBackAfter);
        var hostLimits = jobId is null ? null : new JobHostLimits(jobId, settings.MaxPerHost, settings.MaxRatePerHost, handBackAfter);
        var redirects = 0;
        try
        {
            while (true)
            {
                // With respectRobots every hop asks its host's robots.txt (and waits out its Crawl-delay) first.
                if (settings.RespectRobots && await robots.AdmitAsync(current, cancellationToken) is { } refusal)
                {
                    return Done(UrlResult.NotFetched(index, url, FetchErrorKind.DisallowedByRobots, refusal, stopwatch.ElapsedMilliseconds, attempts.Count));
                }

                using var response = await SendAsync(client, current, settings, attempts, handBack, priorAttempts, hostLimits, cancellationToken);
                if (handBack.Delay is { } wait)
                {
                    return HandedBack(wait);
                }

                if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location)
                {
                    if (redirects == settings.MaxRedirects)
                    {
                        return Done(Failed(response, FetchErrorKind.TooManyRedirects, $"More than {settings.MaxRedirects} redirects."));
                    }

                    if (!HttpUrl.TryResolve(current, location, out var next))
                    {
                        return Done(Failed(response, FetchErrorKind.InvalidUrl, $"Redirected to '{location}', which is not an http or https URL."));
                    }

                    redirects++;
                    current = next;
                    continue;
                }

                return Done(await ReadBodyAsync(response));
            }
        }
        catch (HostHoldException hold) when (!cancellationToken.IsCancellationRequested)
        {
            // The attempt never left: it does not count.
            attempts.Decrement();
            return HandedBack(hold.Wait);
        }
        catch (Exception exception) when (exception is not (OutOfMemoryException or BodyStorageException))
        {
            if (handBack.Delay is { } wait && !cancellationToken.IsCancellationRequested)
            {
                return HandedBack(wait);
            }

            var error = FetchErrorClassifier.Classify(exception, cancellationToken.IsCancellationRequested);
            return Done(UrlResult.NotFetched(index, url, error.Kind, error.Message, stopwatch.ElapsedMilliseconds, attempts.Count));
        }

        static UrlFetch Done(UrlResult result) => new(result);

        // Only the attempts matter: the URL is fetched again, and its result stored, by a later batch.
        UrlFetch HandedBack(TimeSpan wait) => new(
            UrlResult.NotFetched(index, url, FetchErrorKind.Canceled, "Handed back to wait for its next attempt.", stopwatch.ElapsedMilliseconds, attempts.Count), wait);

        UrlResult Failed(HttpResponseMessage response, FetchErrorKind kind, string message) =>
            Result(response, bytes: 0, sha256: null) with { Error = new FetchError(kind, message) };

        UrlResult Result(HttpResponseMessage response, long bytes, string? sha256) => new(
            index,
            url,
            current.AbsoluteUri,
            (int)response.StatusCode,
            stopwatch.ElapsedMilliseconds,
            bytes,
            sha256,
            response.Content.Headers.ContentType?.ToString(),
            attempts.Count,
            Error: null,
            ETag: response.Headers.ETag?.ToString(),
            LastModified: response.Content.Headers.LastModified?.ToUniversalTime());

        async Task<UrlResult> ReadBodyAsync(HttpResponseMessage response)
        {
            if (response.Content.Headers.ContentLength > settings.MaxBodyBytes)
            {
                return Failed(response, FetchErrorKind.TooLarge, $"Content-Length {response.Content.Headers.ContentLength} exceeds maxBodyBytes {settings.MaxBodyBytes}.");
            }

            using var bodyTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bodyTimeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
            await using var body = await response.Content.ReadAsStreamAsync(bodyTimeout.Token);
            var contentType = response.Content.Headers.ContentType?.ToString();
            var (digest, blob) = settings.SaveBodies && bodies is not null
                ? await BodyDigest.SaveAsync(body, settings.MaxBodyBytes, bodies, index, contentType, bodyTimeout.Token)
                : (await BodyDigest.ReadAsync(body, settings.MaxBodyBytes, bodyTimeout.Token), null);
            return digest.TooLarge
                ? Result(response, digest.Bytes, sha256: null) with { Error = new FetchError(FetchErrorKind.TooLarge, $"The body exceeds maxBodyBytes {settings.MaxBodyBytes}.") }
                : Result(response, digest.Bytes, digest.Sha256) with { BodyBlob = blob };
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(
        HttpClient client, Uri target, JobSettings settings, AttemptCounter attempts, RetryHandBack handBack, int priorAttempts, JobHostLimits? hostLimits, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, target);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            context.Properties.Set(FetchResilienceKeys.MaxAttempts, settings.MaxAttempts);
            context.Properties.Set(FetchResilienceKeys.AttemptTimeout, TimeSpan.FromSeconds(settings.TimeoutSeconds));
            context.Properties.Set(FetchResilienceKeys.Attempts, attempts);
            context.Properties.Set(FetchResilienceKeys.PriorAttempts, priorAttempts);
            context.Properties.Set(FetchResilienceKeys.HandBack, handBack);
            if (hostLimits is not null)
            {
                context.Properties.Set(FetchResilienceKeys.HostLimits, hostLimits);
            }

            request.SetResilienceContext(context);
            attempts.Increment();
            return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static bool IsRedirect(HttpStatusCode status) => status is
        HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther or
        HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
}
