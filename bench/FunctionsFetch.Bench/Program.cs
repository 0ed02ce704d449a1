using System.Diagnostics;
using System.Globalization;
using FunctionsFetch.Bench;
using FunctionsFetch.Local;
using FunctionsFetch.Local.Storage;
using FunctionsFetch.Testing;
using Microsoft.Extensions.Logging.Abstractions;

// Usage: dotnet run -c Release --project bench/FunctionsFetch.Bench [-- --quick] [--no-crash] [--results PATH]
//   --quick     only the first scenario (1,000 URLs)
//   --scenarios 1,3  only these scenarios (1-based; "crash" for the crash scenario; "azurite-crash", never run
//                    unless named, for Azurite itself killed mid-job five times)
//   --no-crash  skip the crash-and-resume scenario
//   --crash-signals SIGTERM  only these ways of dying in the crash scenario (SIGKILL, SIGTERM; default both)
//   --results   where to write the Markdown table (default bench/RESULTS.md when run from the repository)
//   --set K=V   a configuration value for every FunctionsFetch host (repeatable), to try a tuning
//   --contenders pool,curl,memory,azurite,two-hosts  only these rows of each scenario (default all), to try a tuning quickly
// BENCH_HOST_ENV_X=V in the environment sets X=V in each host process's own environment (HostUnderTest.HostEnvironmentPrefix).
var quick = args.Contains("--quick");
var overrides = args.Zip(args.Skip(1)).Where(pair => pair.First == "--set").Select(pair => pair.Second.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
var crash = !args.Contains("--no-crash");
var resultsIndex = Array.IndexOf(args, "--results");
var contendersIndex = Array.IndexOf(args, "--contenders");
var contenders = contendersIndex >= 0 ? args[contendersIndex + 1].Split(',') : ["pool", "curl", "memory", "azurite", "two-hosts"];
var root = ToolsRoot.Find() ?? throw new InvalidOperationException("Run from the repository: its package.json names Azurite.");
var resultsPath = resultsIndex >= 0 ? args[resultsIndex + 1] : Path.Combine(root, "bench", "RESULTS.md");

// Every FunctionsFetch job names only its concurrency; the server plans its batches (PlannedJob).
Scenario[] scenarios =
[
    new(1_000, TimeSpan.FromMilliseconds(200), 50),
    new(10_000, TimeSpan.FromMilliseconds(50), 200),
    new(100_000, TimeSpan.FromMilliseconds(20), 500),

    // The seed's own case: URLs that take about 1.5 s each.
    new(10_000, TimeSpan.FromMilliseconds(1500), 500),
];
var crashScenario = new Scenario(10_000, TimeSpan.FromMilliseconds(200), 50);
var azuriteCrashScenario = new Scenario(4_000, TimeSpan.FromMilliseconds(200), 50);

await ToolsRoot.EnsureInstalledAsync(root, NullLogger.Instance, CancellationToken.None);
using var azurite = await AzuriteInstance.StartAsync(root, [FreePorts.Next(), FreePorts.Next(), FreePorts.Next()], dataPath: null, CancellationToken.None);

var rows = new List<ContenderResult>();
HostSplit? twoHostSplit = null;
var chosenIndex = Array.IndexOf(args, "--scenarios");
var chosenNames = chosenIndex >= 0 ? args[chosenIndex + 1].Split(',') : null;
var chosen = chosenNames is not null
    ? chosenNames.Where(n => n is not "crash" and not "azurite-crash").Select(n => scenarios[int.Parse(n, CultureInfo.InvariantCulture) - 1]).ToArray()
    : quick ? scenarios[..1] : scenarios;
foreach (var scenario in chosen)
{
    var plan = PlannedJob.Describe(scenario);
    Console.WriteLine($"{scenario}: ideal {scenario.Ideal.TotalSeconds:F2} s; FunctionsFetch: {plan}");
    if (contenders.Contains("pool"))
    {
        await Measure(scenario, "seed pool (C workers)", "in the benchmark's process, with the target", (urls, _) => SeedPoolRunAsync(scenario, urls));
    }

    if (contenders.Contains("curl"))
    {
        if (CurlContender.IsAvailable)
        {
            await Measure(scenario, "curl -Z (parallel)", CurlContender.Describe(scenario), (urls, _) => CurlContender.RunAsync(scenario, urls));
        }
        else
        {
            Console.WriteLine("  curl is not on this machine: its row is skipped");
        }
    }

    if (contenders.Contains("memory"))
    {
        await Measure(scenario, "FunctionsFetch, in memory", plan, (urls, target) => LocalHostContender.RunAsync(scenario, urls, storage: null, overrides, target.ResetTimeline));
    }

    if (contenders.Contains("azurite"))
    {
        await Measure(scenario, "FunctionsFetch, Azurite", plan, (urls, target) => LocalHostContender.RunAsync(scenario, urls, azurite.ConnectionString, overrides, target.ResetTimeline));
    }

    if (contenders.Contains("two-hosts") && scenario == TwoHostsContender.Scenario(scenarios))
    {
        await Measure(scenario, TwoHostsContender.Contender, plan, async (urls, target) =>
        {
            var (times, split) = await TwoHostsContender.RunAsync(scenario, urls, azurite.ConnectionString, overrides, target.ResetTimeline);
            Console.WriteLine($"  two hosts split the URLs      {split}");
            twoHostSplit = split;
            return times;
        });
    }
}

CrashRows? crashRows = null;
if (crash && !quick && (chosenNames is null || chosenNames.Contains("crash")))
{
    var scenario = crashScenario;
    var plan = PlannedJob.Describe(scenario);
    Console.WriteLine($"Crash at half done, {scenario}: ideal {scenario.Ideal.TotalSeconds:F2} s; FunctionsFetch: {plan}");
    await using var target = await LatencyTarget.StartAsync(scenario.Latency);
    var urls = Enumerable.Range(0, scenario.Urls).Select(i => target.Url($"crash-pool/{i}")).ToArray();
    var pool = await CrashScenario.SeedPoolAsync(scenario, urls);
    Console.WriteLine($"  seed pool, starts over        {pool.TotalSeconds,8:F2} s");
    var uncrashed = await CrashScenario.FunctionsFetchWithoutCrashAsync(scenario, Enumerable.Range(0, scenario.Urls).Select(i => target.Url($"crash-none/{i}")).ToArray(), azurite.ConnectionString, overrides);
    Console.WriteLine($"  FunctionsFetch, no crash      {uncrashed.TotalSeconds,8:F2} s");
    var kinds = new List<CrashRow>();
    var signalsIndex = Array.IndexOf(args, "--crash-signals");
    var signals = signalsIndex >= 0 ? args[signalsIndex + 1].Split(',') : ["SIGKILL", "SIGTERM"];
    foreach (var (signal, graceful) in new[] { ("SIGKILL", false), ("SIGTERM", true) }.Where(s => signals.Contains(s.Item1)))
    {
        urls = Enumerable.Range(0, scenario.Urls).Select(i => target.Url($"crash-{signal}/{i}")).ToArray();
        var (total, resumedAfter, results) = await CrashScenario.FunctionsFetchAsync(scenario, urls, azurite.ConnectionString, overrides, graceful);
        var twice = urls.Count(url => target.HitsFor(url) > 1);
        Console.WriteLine($"  FunctionsFetch, {signal}       {total.TotalSeconds,8:F2} s  (progress again {resumedAfter.TotalSeconds:F1} s after the restart; {results} results in order; {twice} URLs fetched twice)");
        kinds.Add(new CrashRow(signal, total, resumedAfter, twice));
    }

    crashRows = new CrashRows(scenario, plan, pool, uncrashed, kinds);
}

AzuriteCrashRows? azuriteCrashRows = null;
if (chosenNames is not null && chosenNames.Contains("azurite-crash"))
{
    var scenario = azuriteCrashScenario;
    Console.WriteLine($"Azurite killed at half done, {scenario}: ideal {scenario.Ideal.TotalSeconds:F2} s; FunctionsFetch: {PlannedJob.Describe(scenario)}");
    var rounds = new List<AzuriteCrashRow>();
    for (var round = 1; round <= 5; round++)
    {
        var row = await AzuriteCrashScenario.RunRoundAsync(root, scenario, overrides);
        rounds.Add(row);
        Console.WriteLine($"  round {round}: killed at {row.DoneAtKill}; {row.Ending} after {row.Took.TotalSeconds:F1} s; {row.Results} results in order; {row.NeverFetched} URLs never fetched; {row.FetchedTwice} fetched twice");
    }

    azuriteCrashRows = new AzuriteCrashRows(scenario, rounds);
}

ResultsReport.Write(resultsPath, rows, twoHostSplit, crashRows, azuriteCrashRows, overrides);
Console.WriteLine($"Wrote {resultsPath}");

static async Task<RunTimes> SeedPoolRunAsync(Scenario scenario, IReadOnlyList<string> urls)
{
    using var sampler = MemorySampler.Start();
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var submitted = Stopwatch.GetTimestamp();
    var (_, count) = await SeedPool.RunAsync(urls, scenario.Concurrency);
    var readable = Stopwatch.GetTimestamp();
    return new RunTimes(submitted, readable, count, await sampler.StopAsync(), Process.GetCurrentProcess().TotalProcessorTime - cpuBefore);
}

async Task Measure(Scenario scenario, string name, string note, Func<IReadOnlyList<string>, LatencyTarget, Task<RunTimes>> run)
{
    await using var target = await LatencyTarget.StartAsync(scenario.Latency);
    var urls = Enumerable.Range(0, scenario.Urls).Select(i => target.Url(string.Create(CultureInfo.InvariantCulture, $"{rows.Count}/{i}"))).ToArray();
    var times = await run(urls, target);
    if (target.PeakInFlight > scenario.Concurrency)
    {
        throw new InvalidOperationException($"{name} had {target.PeakInFlight} fetches in flight; the scenario allows {scenario.Concurrency}.");
    }

    if (times.Results != scenario.Urls)
    {
        throw new InvalidOperationException($"{name} returned {times.Results} results of {scenario.Urls}.");
    }

    var toFirst = Stopwatch.GetElapsedTime(times.SubmittedAt, target.FirstRequestAt);
    var afterLast = Stopwatch.GetElapsedTime(target.LastResponseAt, times.ReadableAt);
    var row = new ContenderResult(name, scenario, times.Wall, toFirst, afterLast, target.PeakInFlight, times.PeakMemoryBytes, times.Results, note, times.CpuTime);
    rows.Add(row);
    Console.WriteLine($"  {name,-28} {row.Wall.TotalSeconds,8:F2} s  {row.RatioToIdeal,6:F2}x  {row.UrlsPerSecond,8:F0} URLs/s  peak {target.PeakInFlight,4}  {times.PeakMemoryBytes / 1048576.0,6:F0} MiB  CPU {row.CpuMicrosecondsPerUrl,6:F0} us/URL  first fetch +{toFirst.TotalSeconds:F2} s, readable {afterLast.TotalSeconds:F2} s after the last");
}
