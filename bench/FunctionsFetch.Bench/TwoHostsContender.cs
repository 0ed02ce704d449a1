using System.Diagnostics;
using System.Globalization;
using FunctionsFetch.Client;

namespace FunctionsFetch.Bench;

/// <summary>How one job's URLs fell to each of two hosts, from each host's own <c>functionsfetch_fetches_total</c>.</summary>
public sealed record HostSplit(long First, long Second, long FirstBatches, long SecondBatches, TimeSpan FirstCpu, TimeSpan SecondCpu)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{First:N0} / {Second:N0} URLs ({FirstBatches} / {SecondBatches} batches; CPU {FirstCpu.TotalSeconds:F2} s / {SecondCpu.TotalSeconds:F2} s)");
}

/// <summary>
/// Two local hosts in their own processes on one task hub (Azurite): the job is submitted to the first; both take its
/// batches from the hub's shared work-item queue. Scaling out on one machine does not add cores, so this row shows
/// how the work splits and what a second process costs, not a speed-up.
/// </summary>
public static class TwoHostsContender
{
    public const string Contender = "FunctionsFetch, two hosts";

    private const string Fetches = "functionsfetch_fetches_total";
    private const string Batches = "functionsfetch_batches_total";

    /// <summary>The scenario the row runs on: the second (10,000 x 50 ms x 200), ten batches to share.</summary>
    public static Scenario Scenario(IReadOnlyList<Scenario> scenarios)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        return scenarios[1];
    }

    public static async Task<(RunTimes Times, HostSplit Split)> RunAsync(
        Scenario scenario, IReadOnlyList<string> urls, string storage, IReadOnlyDictionary<string, string> overrides, Action afterWarmUp)
    {
        ArgumentNullException.ThrowIfNull(afterWarmUp);
        var settings = LocalHostContender.Settings(scenario, storage, LocalHostContender.NewHubName(), overrides);
        await using var first = await HostUnderTest.StartAsync(WithWorkerId(settings, "bench-first"));
        await using var second = await HostUnderTest.StartAsync(WithWorkerId(settings, "bench-second"));
        using var http = BenchJobs.CreateHttp(first.BaseUri);
        var jobs = new FetchClient(http);
        await BenchJobs.WarmUpAsync(jobs, urls, scenario);
        afterWarmUp();
        var before = await CountsAsync(first, second);
        var submitted = Stopwatch.GetTimestamp();
        var id = await BenchJobs.SubmitAsync(jobs, urls, scenario);
        using var results = await jobs.WaitAsync(id, ResultFormat.Ndjson, BenchJobs.Polling(scenario));
        var readable = Stopwatch.GetTimestamp();
        var count = await BenchJobs.CountOrderedAsync(results);
        var after = await CountsAsync(first, second);
        var split = new HostSplit(
            (long)(after.First.Fetches - before.First.Fetches),
            (long)(after.Second.Fetches - before.Second.Fetches),
            (long)(after.First.Batches - before.First.Batches),
            (long)(after.Second.Batches - before.Second.Batches),
            after.First.Cpu - before.First.Cpu,
            after.Second.Cpu - before.Second.Cpu);
        var times = new RunTimes(submitted, readable, count, first.PeakWorkingSet + second.PeakWorkingSet, split.FirstCpu + split.SecondCpu);
        return (times, split);
    }

    private static Dictionary<string, string> WithWorkerId(Dictionary<string, string> settings, string workerId) =>
        new(settings, StringComparer.Ordinal) { ["Local:WorkerId"] = workerId };

    private static async Task<((double Fetches, double Batches, TimeSpan Cpu) First, (double Fetches, double Batches, TimeSpan Cpu) Second)> CountsAsync(
        HostUnderTest first, HostUnderTest second)
    {
        var (one, two) = (await first.MetricsAsync(), await second.MetricsAsync());
        return ((one.Sum(Fetches), one.Sum(Batches), first.CpuTime), (two.Sum(Fetches), two.Sum(Batches), second.CpuTime));
    }
}
