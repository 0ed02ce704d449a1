using System.Diagnostics;
using FunctionsFetch.Client;
using FunctionsFetch.Local;

namespace FunctionsFetch.Bench;

/// <summary>
/// The process dies at about half done. The seed pool loses its results with the process and starts over;
/// FunctionsFetch's host is killed (SIGKILL) or stopped (SIGTERM), started again on the same storage, and resumes the job.
/// </summary>
public static class CrashScenario
{
    public static async Task<TimeSpan> SeedPoolAsync(Scenario scenario, IReadOnlyList<string> urls)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var (untilCrash, _) = await SeedPool.RunAsync(urls, scenario.Concurrency, stopAfter: scenario.Urls / 2);
        var (again, results) = await SeedPool.RunAsync(urls, scenario.Concurrency);
        Ensure(results == scenario.Urls, "The pool lost results on its second run.");
        return untilCrash + again;
    }

    /// <summary>The same job on the same clock (from the host's start to all results) with no crash: what a crash adds is the difference.</summary>
    public static async Task<TimeSpan> FunctionsFetchWithoutCrashAsync(
        Scenario scenario, IReadOnlyList<string> urls, string storage, IReadOnlyDictionary<string, string> overrides)
    {
        var settings = LocalHostContender.Settings(scenario, storage, LocalHostContender.NewHubName(), overrides);
        var clock = Stopwatch.StartNew();
        await using var host = await HostUnderTest.StartAsync(settings);
        using var http = BenchJobs.CreateHttp(host.BaseUri);
        var jobs = new FetchClient(http);
        using var results = await jobs.WaitAsync(await BenchJobs.SubmitAsync(jobs, urls, scenario), ResultFormat.Ndjson, BenchJobs.Polling(scenario));
        var total = clock.Elapsed;
        Ensure(await BenchJobs.CountOrderedAsync(results) == scenario.Urls, "FunctionsFetch lost results without a crash.");
        return total;
    }

    /// <returns>Time to all results, and how long after the restart the job made progress again.</returns>
    public static async Task<(TimeSpan Total, TimeSpan ResumedAfter, int Results)> FunctionsFetchAsync(
        Scenario scenario, IReadOnlyList<string> urls, string storage, IReadOnlyDictionary<string, string> overrides, bool graceful)
    {
        var settings = LocalHostContender.Settings(scenario, storage, LocalHostContender.NewHubName(), overrides);
        var port = FreePorts.Next();
        settings["Local:WorkerId"] = graceful ? "bench-stop" : "bench-crash";
        var clock = Stopwatch.StartNew();
        string id;
        int doneAtKill;
        await using (var first = await HostUnderTest.StartAsync(settings, port))
        {
            using var http = BenchJobs.CreateHttp(first.BaseUri);
            var jobs = new FetchClient(http);
            id = await BenchJobs.SubmitAsync(jobs, urls, scenario);
            while ((doneAtKill = await BenchJobs.CompletedAsync(jobs, id) ?? scenario.Urls) < scenario.Urls / 2)
            {
                await Task.Delay(20);
            }

            // Completions arrive a wave of batches at a time, so "half done" is reached just as a wave ends and the
            // next one has barely started; half a batch later the kill finds that wave's batches in flight.
            var plan = PlannedJob.Plan(scenario);
            await Task.Delay(scenario.Latency * Math.Ceiling((double)plan.BatchSize / plan.BatchParallelism) / 2);
            if (graceful)
            {
                await first.StopAsync();
            }
            else
            {
                await first.KillAsync();
            }
        }

        var restartedAt = clock.Elapsed;
        await using var second = await HostUnderTest.StartAsync(settings, port);
        using var resumedHttp = BenchJobs.CreateHttp(second.BaseUri);
        TimeSpan? resumedAfter = null;
        using var results = await new FetchClient(resumedHttp).WaitAsync(id, ResultFormat.Ndjson, BenchJobs.Polling(scenario), progress =>
        {
            if (resumedAfter is null && progress.Completed > doneAtKill)
            {
                resumedAfter = clock.Elapsed - restartedAt;
            }
        });
        var total = clock.Elapsed;
        return (total, resumedAfter ?? clock.Elapsed - restartedAt, await BenchJobs.CountOrderedAsync(results));
    }

    private static void Ensure(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
