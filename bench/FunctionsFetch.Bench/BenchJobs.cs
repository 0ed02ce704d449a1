using FunctionsFetch.Client;

namespace FunctionsFetch.Bench;

/// <summary>
/// How the benchmark drives a job through <see cref="FetchClient"/>: status polled every 20 ms (not a client's
/// 2-second loop) so the wall time is the server's, a warm-up job first, and the results counted in order.
/// </summary>
public static class BenchJobs
{
    public static PollOptions Polling { get; } = new() { MaxDelay = TimeSpan.FromMilliseconds(20) };

    public static HttpClient CreateHttp(Uri baseUri) => new() { BaseAddress = baseUri, Timeout = TimeSpan.FromMinutes(10) };

    /// <summary>Starts the scenario's job with no option but its <c>concurrency</c>.</summary>
    public static async Task<string> SubmitAsync(FetchClient jobs, IReadOnlyList<string> urls, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        return (await jobs.StartAsync(urls, PlannedJob.Options(scenario))).Id;
    }

    /// <summary>A small job first, as a server that has been up a while is: the measured job pays no JIT or connection set-up.</summary>
    public static async Task WarmUpAsync(FetchClient jobs, IReadOnlyList<string> urls, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(urls);
        var warmUp = urls.Take(10).Select(url => url + "?warm-up").ToArray();
        using var results = await jobs.WaitAsync(await SubmitAsync(jobs, warmUp, scenario), poll: Polling);
    }

    /// <summary>URLs done so far, or null once the job has ended.</summary>
    public static async Task<int?> CompletedAsync(FetchClient jobs, string id)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        using var status = await jobs.GetStatusAsync(id);
        return status.Progress?.Completed;
    }

    /// <summary>Counts the NDJSON results as they stream in, checking that the indexes run 0, 1, 2, ...</summary>
    public static async Task<int> CountOrderedAsync(ResultsResponse results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var count = 0;
        await foreach (var row in results.ReadRowsAsync())
        {
            if (row.Index != count)
            {
                throw new InvalidOperationException($"Result {count} of job {results.Id} came out of order.");
            }

            count++;
        }

        return count;
    }
}
