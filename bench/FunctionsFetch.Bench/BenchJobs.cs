using FunctionsFetch.Client;

namespace FunctionsFetch.Bench;

/// <summary>
/// How the benchmark drives a job through <see cref="FetchClient"/>: status polled every 1% of the scenario's ideal time
/// (not a client's 2-second loop), so waiting for the next poll adds at most 1% to a wall time, a warm-up job first, and
/// the results counted in order.
/// </summary>
public static class BenchJobs
{
    /// <summary>
    /// 1% of the ideal, 20-250 ms. Polling every 20 ms throughout cost the host about 20 us of CPU per URL at 100,000 URLs
    /// (each poll reads the instance and the job's manifest), which a client polling every few seconds never pays.
    /// </summary>
    public static PollOptions Polling(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var delay = TimeSpan.FromTicks(Math.Clamp(scenario.Ideal.Ticks / 100, TimeSpan.FromMilliseconds(20).Ticks, TimeSpan.FromMilliseconds(250).Ticks));
        return new PollOptions { MaxDelay = delay };
    }

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
        using var results = await jobs.WaitAsync(await SubmitAsync(jobs, warmUp, scenario), poll: Polling(scenario));
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
