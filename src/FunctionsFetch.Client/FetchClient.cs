using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace FunctionsFetch.Client;

/// <summary>
/// A typed client of the <c>/api/fetch</c> HTTP API, for the CLI, scripts, tests and the benchmark alike, so
/// each does not speak the wire its own way. It calls the <see cref="HttpClient"/> it is given (its
/// <see cref="HttpClient.BaseAddress"/> is the host; its timeout and handlers are the caller's) and sends the
/// API key, when given, as <c>x-functions-key</c>. Any answer a call does not expect is a <see cref="FetchApiException"/>.
/// </summary>
public sealed class FetchClient
{
    public const string ApiKeyHeader = "x-functions-key";

    private const string FetchPath = "/api/fetch";

    private readonly HttpClient _http;
    private readonly string? _apiKey;
    private readonly TimeProvider _time;

    /// <param name="http">Its base address is the API's scheme, host and port.</param>
    /// <param name="apiKey">A function key, or the local host's <c>Fetch:ApiKey</c>; none when null.</param>
    /// <param name="timeProvider">What waits between polls run on; the system clock when null.</param>
    public FetchClient(HttpClient http, string? apiKey = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.BaseAddress is null)
        {
            throw new ArgumentException("The HttpClient needs a BaseAddress: the API's scheme, host and port.", nameof(http));
        }

        _http = http;
        _apiKey = apiKey;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Starts a job (<c>POST /api/fetch</c>); a known <paramref name="jobId"/> with the same input answers that job.</summary>
    /// <param name="urls">The URLs, in the order their results come back.</param>
    /// <param name="options">The job's options by their request names (a dictionary, an anonymous object); none when null.</param>
    /// <param name="jobId">An idempotent id of the caller's choosing, or null for a new one.</param>
    /// <param name="cancellationToken">Aborts the call.</param>
    public async Task<CheckStatus> StartAsync(IEnumerable<string> urls, object? options = null, string? jobId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(urls);
        using var request = Request(HttpMethod.Post, FetchPath);
        request.Content = JsonContent.Create(new StartRequest(urls, options, jobId), options: ClientJson.Options);
        using var response = await _http.SendAsync(request, cancellationToken);
        return await ReadAcceptedAsync<CheckStatus>(response, cancellationToken);
    }

    /// <summary>One look at a job: its progress while it runs, or its results, unread, in <paramref name="format"/> once it has ended.</summary>
    public async Task<JobStatus> GetStatusAsync(string id, ResultFormat format = ResultFormat.Json, CancellationToken cancellationToken = default)
    {
        var (progress, retryAfter, results) = await PollAsync(id, format, cancellationToken);
        return results is null ? new JobStatus(progress!, retryAfter) : new JobStatus(results);
    }

    /// <summary>
    /// Polls until the job has ended and returns its results, unread, in <paramref name="format"/>; each
    /// progress on the way goes to <paramref name="onProgress"/>. Waits as <see cref="PollOptions"/> say.
    /// </summary>
    /// <exception cref="TimeoutException">The job did not end within <see cref="PollOptions.Timeout"/>.</exception>
    public async Task<ResultsResponse> WaitAsync(string id, ResultFormat format = ResultFormat.Json, PollOptions? poll = null, Action<FetchProgress>? onProgress = null, CancellationToken cancellationToken = default)
    {
        poll ??= PollOptions.Default;
        var started = _time.GetTimestamp();
        while (true)
        {
            var (progress, retryAfter, results) = await PollAsync(id, format, cancellationToken);
            if (results is not null)
            {
                return results;
            }

            onProgress?.Invoke(progress!);
            if (poll.IsOver(_time.GetElapsedTime(started)))
            {
                throw new TimeoutException($"Job {id} did not end within {poll.Timeout}; last progress {progress}.");
            }

            await Task.Delay(poll.DelayFor(retryAfter), _time, cancellationToken);
        }
    }

    /// <summary>Polls until the job has ended (see <see cref="WaitAsync"/>) and reads its results document whole.</summary>
    public async Task<FetchResults> WaitForResultsAsync(string id, PollOptions? poll = null, Action<FetchProgress>? onProgress = null, CancellationToken cancellationToken = default)
    {
        using var results = await WaitAsync(id, ResultFormat.Json, poll, onProgress, cancellationToken);
        return await results.ReadResultsAsync(cancellationToken);
    }

    /// <summary>Cancels a running job (<c>DELETE /api/fetch/{id}</c>) and returns its progress then; a 409 if it had already ended.</summary>
    public async Task<FetchProgress> CancelAsync(string id, CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Delete, JobPath(id));
        using var response = await _http.SendAsync(request, cancellationToken);
        return await ReadAcceptedAsync<FetchProgress>(response, cancellationToken);
    }

    /// <summary>
    /// Changes a running job's concurrency (<c>POST /api/fetch/{id}/concurrency</c>): the batches it starts from then on run
    /// with it. Returns the job's progress with the new concurrency; a 409 if it had already ended, a 400 beyond the server's limit.
    /// </summary>
    public async Task<FetchProgress> SetConcurrencyAsync(string id, int concurrency, CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Post, $"{JobPath(id)}/concurrency");
        request.Content = JsonContent.Create(new { concurrency }, options: ClientJson.Options);
        using var response = await _http.SendAsync(request, cancellationToken);
        return await ReadAcceptedAsync<FetchProgress>(response, cancellationToken);
    }

    /// <summary>Starts a new job for the failed URLs of an ended one (<c>POST /api/fetch/{id}/retry-failed</c>); its results show the merged list.</summary>
    public async Task<CheckStatus> RetryFailedAsync(string id, CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Post, $"{JobPath(id)}/retry-failed");
        using var response = await _http.SendAsync(request, cancellationToken);
        return await ReadAcceptedAsync<CheckStatus>(response, cancellationToken);
    }

    /// <summary>
    /// The results stored since <paramref name="after"/> (<c>GET /api/fetch/{id}/results</c>), while the job runs and after,
    /// in the order their batches finished, unread; pass its <see cref="ResultsResponse.Cursor"/> to the next call, and stop once
    /// <see cref="ResultsResponse.Complete"/>.
    /// </summary>
    /// <param name="id">The job.</param>
    /// <param name="after">The cursor the last page gave; the first result when null.</param>
    /// <param name="format">NDJSON, CSV or JSON (a <c>{"results", "cursor", "complete"}</c> document).</param>
    /// <param name="limit">Results at most (1 to 10,000); the server's default (1,000) when null.</param>
    /// <param name="cancellationToken">Aborts the call.</param>
    public async Task<ResultsResponse> GetResultsPageAsync(string id, string? after = null, ResultFormat format = ResultFormat.Ndjson, int? limit = null, CancellationToken cancellationToken = default)
    {
        var query = $"?format={format.ToString().ToLowerInvariant()}"
            + (after is null ? string.Empty : $"&after={Uri.EscapeDataString(after)}")
            + (limit is { } rows ? string.Create(CultureInfo.InvariantCulture, $"&limit={rows}") : string.Empty);
        using var request = Request(HttpMethod.Get, $"{JobPath(id)}/results{query}");
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return new ResultsResponse(response, id, format);
        }

        using (response)
        {
            throw await FetchApiException.FromResponseAsync(response, cancellationToken);
        }
    }

    /// <summary>The saved body of the result at <paramref name="index"/> (<c>GET /api/fetch/{id}/results/{index}/body</c>), unread.</summary>
    public async Task<SavedBody> GetBodyAsync(string id, int index, CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"{JobPath(id)}/results/{index}/body"));
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return new SavedBody(response);
        }

        using (response)
        {
            throw await FetchApiException.FromResponseAsync(response, cancellationToken);
        }
    }

    private async Task<(FetchProgress? Progress, TimeSpan? RetryAfter, ResultsResponse? Results)> PollAsync(string id, ResultFormat format, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, $"{JobPath(id)}?format={format.ToString().ToLowerInvariant()}");
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return (null, null, new ResultsResponse(response, id, format));
        }

        using (response)
        {
            return (await ReadAcceptedAsync<FetchProgress>(response, cancellationToken), RetryAfter(response), null);
        }
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (_apiKey is not null)
        {
            request.Headers.Add(ApiKeyHeader, _apiKey);
        }

        return request;
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - _time.GetUtcNow(),
        _ => null,
    };

    private static string JobPath(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return $"{FetchPath}/{Uri.EscapeDataString(id)}";
    }

    /// <summary>The 202's body, or the refusal as a <see cref="FetchApiException"/>.</summary>
    private static async Task<T> ReadAcceptedAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw await FetchApiException.FromResponseAsync(response, cancellationToken);
        }

        return await response.Content.ReadFromJsonAsync<T>(ClientJson.Options, cancellationToken)
            ?? throw new JsonException($"The {typeof(T).Name} in the 202 answer was null.");
    }
}
