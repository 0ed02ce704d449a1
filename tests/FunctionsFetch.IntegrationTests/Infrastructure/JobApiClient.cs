using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace FunctionsFetch.IntegrationTests.Infrastructure;

/// <summary>A small client of the <c>/api/fetch</c> contract, as a user's script would call it.</summary>
public sealed class JobApiClient(Uri baseUri) : IDisposable
{
    public HttpClient Http { get; } = new() { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };

    public async Task<bool> IsServingAsync()
    {
        try
        {
            using var response = await Http.GetAsync(new Uri("/api/fetch/ready-probe", UriKind.Relative));
            return response.StatusCode == HttpStatusCode.NotFound;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>Starts a job and returns the check-status payload.</summary>
    /// <param name="urls">The job's URLs.</param>
    /// <param name="options">The job's options; left out of the body when null (<c>"options": null</c> is refused).</param>
    public async Task<JsonElement> StartAsync(IEnumerable<string> urls, object? options = null)
    {
        object request = options is null ? new { urls } : new { urls, options };
        using var response = await Http.PostAsJsonAsync(new Uri("/api/fetch", UriKind.Relative), request);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"Start answered {(int)response.StatusCode}: {body}");
        }

        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> GetJobAsync(string id)
    {
        using var response = await Http.GetAsync(new Uri($"/api/fetch/{id}", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(body).RootElement.Clone());
    }

    /// <summary>Polls <c>GET /api/fetch/{id}</c> until it answers 200, and returns that body.</summary>
    public async Task<JsonElement> WaitForJobAsync(string id, TimeSpan timeout, Func<JsonElement, Task>? onProgress = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var (status, body) = await GetJobAsync(id);
            if (status == HttpStatusCode.OK)
            {
                return body;
            }

            if (status != HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"Status answered {(int)status}: {body}");
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Job {id} was not done within {timeout}; last status {body}");
            }

            if (onProgress is not null)
            {
                await onProgress(body);
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Polls until the job reports at least <paramref name="atLeast"/> completed URLs; returns how long that took and
    /// the count. Answers other than 200 and 202 (a 503 while storage is down) are polled past.
    /// </summary>
    public async Task<(TimeSpan Elapsed, int Completed)> WaitForProgressAsync(string id, int atLeast)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            var (status, body) = await GetJobAsync(id);
            if (status is HttpStatusCode.OK or HttpStatusCode.Accepted)
            {
                var completed = body.TryGetProperty("completed", out var value) ? value.GetInt32() : body.GetProperty("total").GetInt32();
                if (completed >= atLeast)
                {
                    return (clock.Elapsed, completed);
                }
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Job {id} did not reach {atLeast} completed URLs.");
    }

    public void Dispose() => Http.Dispose();
}
