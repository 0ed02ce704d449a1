using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FunctionsFetch.Api;
using FunctionsFetch.Local.InstanceApi;
using FunctionsFetch.Local.Endpoints;
using Microsoft.AspNetCore.Mvc;
using FunctionsFetch.Serialization;

namespace FunctionsFetch.Local.Cli;

/// <summary>The CLI's side of the <c>/api/fetch</c> contract: start, poll, read results, cancel.</summary>
internal sealed class FetchApiClient(HttpClient http)
{
    private const string FetchPath = "/api/fetch";

    public static HttpClient CreateHttp(Uri endpoint, string? apiKey)
    {
        // Polls are short, and the results download may take as long as it takes; Ctrl+C ends either.
        var client = new HttpClient { BaseAddress = endpoint, Timeout = Timeout.InfiniteTimeSpan };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add(ApiKeyMiddleware.HeaderName, apiKey);
        }

        return client;
    }

    /// <summary>Starts the job and returns its id.</summary>
    public async Task<string> StartAsync(IReadOnlyList<string> urls, IReadOnlyDictionary<string, long> options, string? jobId, CancellationToken cancellationToken)
    {
        var body = new Dictionary<string, object> { ["urls"] = urls };
        if (options.Count > 0)
        {
            body["options"] = options;
        }

        if (jobId is not null)
        {
            body["jobId"] = jobId;
        }

        using var response = await SendAsync(() => http.PostAsJsonAsync(new Uri(FetchPath, UriKind.Relative), body, FetchJson.Options, cancellationToken));
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw await RefusedAsync(response, "start the job", cancellationToken);
        }

        var payload = await response.Content.ReadFromJsonAsync<CheckStatusPayload>(FetchJson.Options, cancellationToken);
        return payload?.Id ?? throw new CliException("The server accepted the job but sent no id.", ExitCodes.JobFailed);
    }

    /// <summary>
    /// Progress while the job runs (the response is disposed), or the finished job's results in
    /// <paramref name="format"/>, unread, for the caller to stream and dispose.
    /// </summary>
    public async Task<(JobProgressWire? Progress, HttpResponseMessage? Results)> PollAsync(string id, ResultFormat format, CancellationToken cancellationToken)
    {
        var uri = new Uri($"{FetchPath}/{Uri.EscapeDataString(id)}?format={format.ToString().ToLowerInvariant()}", UriKind.Relative);
        var response = await SendAsync(() => http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken));
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return (null, response);
        }

        using (response)
        {
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                throw await RefusedAsync(response, $"read job {id}", cancellationToken);
            }

            return (await response.Content.ReadFromJsonAsync<JobProgressWire>(FetchJson.Options, cancellationToken), null);
        }
    }

    /// <summary>Terminates the job; false when it had already ended.</summary>
    public async Task<bool> CancelAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => http.DeleteAsync(new Uri($"{FetchPath}/{Uri.EscapeDataString(id)}", UriKind.Relative), cancellationToken));
        return response.StatusCode == HttpStatusCode.Accepted;
    }

    /// <summary>The counts NDJSON and CSV answers carry in headers.</summary>
    public static JobHeadWire? CountsFromHeaders(HttpResponseMessage response, string id)
    {
        ArgumentNullException.ThrowIfNull(response);
        string? Header(string name) => response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
        int Number(string name) => int.TryParse(Header(name), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        return Header("x-fetch-runtime-status") is { } status
            ? new JobHeadWire(id, status, Number("x-fetch-total"), Number("x-fetch-succeeded"), Number("x-fetch-failed"))
            : null;
    }

    private async Task<HttpResponseMessage> SendAsync(Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            return await send();
        }
        catch (HttpRequestException exception)
        {
            throw new CliException($"No answer from {http.BaseAddress}: {exception.Message} Is the host running (dotnet run --project src/FunctionsFetch.Local), or use --embedded.", ExitCodes.JobFailed);
        }
    }

    /// <summary>A refusal as one line: the problem's detail when the server sent one. Client errors are usage errors.</summary>
    private static async Task<CliException> RefusedAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        string? detail = null;
        try
        {
            var problem = JsonSerializer.Deserialize<ProblemDetails>(text, FetchJson.Options);
            detail = problem?.Detail ?? problem?.Title;
        }
        catch (JsonException)
        {
            // Not a problem document: show the text as it came.
        }

        var code = (int)response.StatusCode;
        var exitCode = code is >= 400 and < 500 ? ExitCodes.Usage : ExitCodes.JobFailed;
        return new CliException($"Could not {what}: {code} {detail ?? text}".TrimEnd(), exitCode);
    }
}
