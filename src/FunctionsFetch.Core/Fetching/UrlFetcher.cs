using System.Diagnostics;
using System.Net;
using FunctionsFetch.Configuration;
using FunctionsFetch.Diagnostics;
using FunctionsFetch.Fetching.Robots;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace FunctionsFetch.Fetching;

/// <summary>
/// Fetches one URL: retries and per-attempt timeout come from the client's pipeline; redirects are
/// followed here (each hop counted and capped); the body is streamed through SHA-256 up to the cap and,
/// when the job saves bodies, into the job's body store in the same pass. Each attempt waits its turn toward its host
/// (<see cref="HostPolitenessHandler"/>, in the client's pipeline). Each fetch counts in <see cref="FetchMetrics"/>' in-flight gauge while it runs.
/// </summary>
public sealed class UrlFetcher(IHttpClientFactory httpClientFactory, RobotsGate robots, FetchMetrics metrics)
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
    public Task<UrlFetch> FetchOrHandBackAsync(
        int index, string url, JobSettings settings, IBodySink? bodies, int priorAttempts, TimeSpan handBackAfter, string? jobId, CancellationToken cancellationToken) =>
        FetchOrHandBackAsync(index, url, settings, headers: null, bodies, priorAttempts, handBackAfter, jobId, cancellationToken);

    /// <param name="headers">The job's own request headers, or null; credentials among them go only to <paramref name="url"/>'s authority.</param>
    /// <inheritdoc cref="FetchOrHandBackAsync(int, string, JobSettings, IBodySink?, int, TimeSpan, string?, CancellationToken)"/>
    public Task<UrlFetch> FetchOrHandBackAsync(
        int index, string url, JobSettings settings, RequestHeaders? headers, IBodySink? bodies, int priorAttempts, TimeSpan handBackAfter, string? jobId, CancellationToken cancellationToken) =>
        FetchOrHandBackAsync(index, url, settings, headers, prior: null, bodies, priorAttempts, handBackAfter, jobId, cancellationToken);

    /// <param name="prior">
    /// An earlier job's result for this URL (<c>revalidate</c>), or null: its validators go to the URL it came from, and a
    /// <c>304</c> from there is a result that keeps its body's facts.
    /// </param>
    /// <inheritdoc cref="FetchOrHandBackAsync(int, string, JobSettings, RequestHeaders?, IBodySink?, int, TimeSpan, string?, CancellationToken)"/>
    public async Task<UrlFetch> FetchOrHandBackAsync(
        int index,
        string url,
        JobSettings settings,
        RequestHeaders? headers,
        PriorResult? prior,
        IBodySink? bodies,
        int priorAttempts,
        TimeSpan handBackAfter,
        string? jobId,
        CancellationToken cancellationToken)
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
        var origin = current;

        // In flight from here until a result or a hand-back (an invalid URL never was).
        metrics.FetchStarted();
        try
        {
            while (true)
            {
                // With respectRobots every hop asks its host's robots.txt (and waits out its Crawl-delay) first.
                if (settings.RespectRobots && await robots.AdmitAsync(current, cancellationToken) is { } refusal)
                {
                    return Done(UrlResult.NotFetched(index, url, FetchErrorKind.DisallowedByRobots, refusal, stopwatch.ElapsedMilliseconds, attempts.Count));
                }

                var conditional = prior is not null && prior.AppliesTo(current) ? prior : null;
                var attempt = new Attempt(client, settings, headers?.For(origin, current), conditional, attempts, handBack, priorAttempts, hostLimits);
                using var response = await SendWithFallbackAsync(attempt, current, cancellationToken);
                if (handBack.Delay is { } wait)
                {
                    return HandedBack(wait);
                }

                if (conditional is not null && response.StatusCode == HttpStatusCode.NotModified)
                {
                    return Done(conditional.NotModified(Result(response, bytes: 0, sha256: null)));
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
            // Counted although it never left, so a host that keeps holding costs a URL at most maxAttempts rounds.
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
        finally
        {
            metrics.FetchEnded();
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
            FinalUrl(),
            (int)response.StatusCode,
            stopwatch.ElapsedMilliseconds,
            bytes,
            sha256,
            response.Content.Headers.ContentType?.ToString(),
            attempts.Count,
            Error: null,
            ETag: response.Headers.ETag?.ToString(),
            LastModified: response.Content.Headers.LastModified?.ToUniversalTime());

        // The URL as given when no redirect moved it: one string per result instead of two, 100,000 of them held per job.
        string FinalUrl() => ReferenceEquals(current, origin) && string.Equals(origin.AbsoluteUri, url, StringComparison.Ordinal) ? url : current.AbsoluteUri;

        async Task<UrlResult> ReadBodyAsync(HttpResponseMessage response)
        {
            // A HEAD answer has no body: its status and headers are the result.
            if (response.RequestMessage?.Method == HttpMethod.Head)
            {
                return Result(response, bytes: 0, sha256: null);
            }

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

    /// <summary>Sends the job's method; a HEAD that the server refuses (405, 501) is sent again once as GET, as link checkers do.</summary>
    private static async Task<HttpResponseMessage> SendWithFallbackAsync(Attempt attempt, Uri target, CancellationToken cancellationToken)
    {
        var head = attempt.Settings.Method == FetchMethods.Head;
        var response = await SendAsync(attempt, head ? HttpMethod.Head : HttpMethod.Get, target, cancellationToken);
        if (!head || attempt.HandBack.Delay is not null || response.StatusCode is not (HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotImplemented))
        {
            return response;
        }

        response.Dispose();
        return await SendAsync(attempt, HttpMethod.Get, target, cancellationToken);
    }

    private static async Task<HttpResponseMessage> SendAsync(Attempt attempt, HttpMethod method, Uri target, CancellationToken cancellationToken)
    {
        var (client, settings, headers, conditional, attempts, handBack, priorAttempts, hostLimits) = attempt;
        using var request = new HttpRequestMessage(method, target);
        foreach (var (name, value) in headers ?? [])
        {
            // Checked by RequestHeaderRules when the job started; the client's own parsing would reject some legal values.
            request.Headers.TryAddWithoutValidation(name, value);
        }

        AddValidators(request, conditional);

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

    /// <summary>
    /// A revalidation's <c>If-None-Match</c> (the ETag as the server sent it, weak or strong) and <c>If-Modified-Since</c>;
    /// a validator the job's own headers already set is left as the job set it.
    /// </summary>
    private static void AddValidators(HttpRequestMessage request, PriorResult? conditional)
    {
        if (conditional?.ETag is { } etag && !request.Headers.Contains("If-None-Match"))
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        if (conditional?.LastModified is { } lastModified && !request.Headers.Contains("If-Modified-Since"))
        {
            request.Headers.IfModifiedSince = lastModified;
        }
    }

    /// <summary>What every request of one hop is sent with.</summary>
    /// <param name="Conditional">The prior result whose validators this hop sends, or null.</param>
    private sealed record Attempt(
        HttpClient Client,
        JobSettings Settings,
        IEnumerable<KeyValuePair<string, string>>? Headers,
        PriorResult? Conditional,
        AttemptCounter Attempts,
        RetryHandBack HandBack,
        int PriorAttempts,
        JobHostLimits? HostLimits);

    private static bool IsRedirect(HttpStatusCode status) => status is
        HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther or
        HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
}
