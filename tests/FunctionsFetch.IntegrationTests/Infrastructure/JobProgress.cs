using System.Diagnostics;
using FunctionsFetch.Client;

namespace FunctionsFetch.IntegrationTests.Infrastructure;

/// <summary>Waits for a job to get somewhere, as the crash and outage tests need before they break something.</summary>
public static class JobProgress
{
    /// <summary>Polls until the job reports at least <paramref name="atLeast"/> completed URLs; returns how long that took and the count.</summary>
    public static async Task<(TimeSpan Elapsed, int Completed)> WaitAsync(FetchClient api, string id, int atLeast)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            using var status = await api.GetStatusAsync(id, ResultFormat.Ndjson);
            var completed = status.HasEnded ? status.Results.Counts!.Total : status.Progress.Completed;
            if (completed >= atLeast)
            {
                return (clock.Elapsed, completed);
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Job {id} did not reach {atLeast} completed URLs.");
    }
}
