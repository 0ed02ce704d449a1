using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace FunctionsFetch.Bench;

/// <summary>Drives a job through the HTTP API: submit, poll finely, and count the results read back in order.</summary>
public sealed class JobClient(Uri baseUri) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseUri, Timeout = TimeSpan.FromMinutes(10) };

    public async Task<string> SubmitAsync(IReadOnlyList<string> urls, BatchPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        using var start = await _http.PostAsJsonAsync(new Uri("/api/fetch", UriKind.Relative), new
        {
            urls,
            options = new { batchSize = plan.BatchSize, batchParallelism = plan.BatchParallelism, maxParallelBatches = plan.ParallelBatches },
        });
        start.EnsureSuccessStatusCode();
        return (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>A small job first, as a server that has been up a while is: the measured job pays no JIT or connection set-up.</summary>
    public async Task WarmUpAsync(IReadOnlyList<string> urls, BatchPlan plan)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var warmUp = urls.Take(10).Select(url => url + "?warm-up").ToArray();
        await WaitAsync(await SubmitAsync(warmUp, plan with { BatchSize = 5 }));
    }

    /// <summary>URLs done so far, or null once the job has ended.</summary>
    public async Task<int?> CompletedAsync(string id)
    {
        using var status = await _http.GetAsync(new Uri($"/api/fetch/{id}", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        if (status.StatusCode == HttpStatusCode.OK)
        {
            return null;
        }

        status.EnsureSuccessStatusCode();
        return (await status.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("completed").GetInt32();
    }

    /// <summary>Polls every 20 ms (not a client's 2-second loop) until the job has ended.</summary>
    public async Task WaitAsync(string id)
    {
        while (await CompletedAsync(id) is not null)
        {
            await Task.Delay(20);
        }
    }

    /// <summary>Streams the results as NDJSON and counts them, checking that the indexes run 0, 1, 2, ...</summary>
    public async Task<int> CountOrderedResultsAsync(string id)
    {
        using var response = await _http.GetAsync(new Uri($"/api/fetch/{id}?format=ndjson", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var count = 0;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            using var result = JsonDocument.Parse(line);
            if (result.RootElement.GetProperty("index").GetInt32() != count)
            {
                throw new InvalidOperationException($"Result {count} of job {id} came out of order.");
            }

            count++;
        }

        return count;
    }

    public void Dispose() => _http.Dispose();
}
