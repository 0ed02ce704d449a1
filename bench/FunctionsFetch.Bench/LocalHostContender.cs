using System.Diagnostics;
using System.Globalization;
using FunctionsFetch.Client;

namespace FunctionsFetch.Bench;

/// <summary>FunctionsFetch's local host in its own process, on memory or on Azurite, driven through its HTTP API.</summary>
public static class LocalHostContender
{

    /// <summary>
    /// Configuration that lets the host use all of C and no more: C is also its per-host cap and the jobs' default
    /// <c>maxPerHost</c> (the target is one host), and the activity slots are <see cref="PlannedJob.ActivitySlots"/>.
    /// </summary>
    public static Dictionary<string, string> Settings(Scenario scenario, string? storage, string hubName, IReadOnlyDictionary<string, string> overrides)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(overrides);
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["extensions:durableTask:hubName"] = hubName,
            ["extensions:durableTask:maxConcurrentActivityFunctions"] = Text(PlannedJob.ActivitySlots(scenario)),
            ["Local:StartAzurite"] = "false",
            ["Fetch:MaxUrlsPerJob"] = Text(Math.Max(scenario.Urls, 100_000)),
            ["Fetch:AllowPrivateNetworks"] = "true",
            ["Fetch:MaxConcurrencyPerHost"] = Text(scenario.Concurrency),
            ["Fetch:Defaults:MaxPerHost"] = Text(scenario.Concurrency),
            ["Logging:LogLevel:Default"] = HostUnderTest.LogLevel,
        };
        if (storage is null)
        {
            settings["Local:InMemory"] = "true";
        }
        else
        {
            settings["AzureWebJobsStorage"] = storage;
        }

        // Given with --set, applied last.
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return settings;
    }

    public static async Task<RunTimes> RunAsync(Scenario scenario, IReadOnlyList<string> urls, string? storage, IReadOnlyDictionary<string, string> overrides, Action afterWarmUp)
    {
        await using var host = await HostUnderTest.StartAsync(Settings(scenario, storage, NewHubName(), overrides));
        using var http = BenchJobs.CreateHttp(host.BaseUri);
        var jobs = new FetchClient(http);
        await BenchJobs.WarmUpAsync(jobs, urls, scenario);
        ArgumentNullException.ThrowIfNull(afterWarmUp);
        afterWarmUp();
        var cpuBefore = host.CpuTime;
        var submitted = Stopwatch.GetTimestamp();
        var id = await BenchJobs.SubmitAsync(jobs, urls, scenario);
        using var results = await jobs.WaitAsync(id, ResultFormat.Ndjson, BenchJobs.Polling(scenario));
        var readable = Stopwatch.GetTimestamp();
        var cpu = host.CpuTime - cpuBefore;
        return new RunTimes(submitted, readable, await BenchJobs.CountOrderedAsync(results), host.PeakWorkingSet, cpu);
    }

    /// <summary>A fresh task hub per run, so runs never share queues or history.</summary>
    public static string NewHubName() => $"Bench{Guid.NewGuid():N}"[..20];

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
