using System.Diagnostics;

namespace FunctionsFetch.Bench;

/// <summary>
/// The process dies at about half done. The seed pool loses its results with the process and starts over;
/// FunctionsFetch's host is killed (SIGKILL), started again on the same storage, and resumes the job.
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

    /// <returns>Time to all results, and how long after the restart the job made progress again.</returns>
    public static async Task<(TimeSpan Total, TimeSpan ResumedAfter, int Results)> FunctionsFetchAsync(Scenario scenario, IReadOnlyList<string> urls, BatchPlan plan, string storage, IReadOnlyDictionary<string, string> overrides)
    {
        var settings = LocalHostContender.Settings(scenario, plan, storage, LocalHostContender.NewHubName(), overrides);
        var port = HostUnderTest.FreePort();
        settings["Local:WorkerId"] = "bench-crash";
        var clock = Stopwatch.StartNew();
        string id;
        int doneAtKill;
        await using (var first = await HostUnderTest.StartAsync(settings, port))
        {
            using var jobs = new JobClient(first.BaseUri);
            id = await jobs.SubmitAsync(urls, plan);
            while ((doneAtKill = await jobs.CompletedAsync(id) ?? scenario.Urls) < scenario.Urls / 2)
            {
                await Task.Delay(20);
            }

            await first.KillAsync();
        }

        var restartedAt = clock.Elapsed;
        await using var second = await HostUnderTest.StartAsync(settings, port);
        using var resumed = new JobClient(second.BaseUri);
        TimeSpan? resumedAfter = null;
        while (await resumed.CompletedAsync(id) is { } completed)
        {
            if (resumedAfter is null && completed > doneAtKill)
            {
                resumedAfter = clock.Elapsed - restartedAt;
            }

            await Task.Delay(20);
        }

        var total = clock.Elapsed;
        return (total, resumedAfter ?? clock.Elapsed - restartedAt, await resumed.CountOrderedResultsAsync(id));
    }

    private static void Ensure(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
