using System.Globalization;
using FunctionsFetch.Bench;
using FunctionsFetch.Local.Storage;
using FunctionsFetch.Testing;
using Microsoft.Extensions.Logging.Abstractions;

// Usage: dotnet run -c Release --project bench/FunctionsFetch.Bench [N L_ms C [perBatch waves]]
var numbers = args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray();
var scenario = numbers.Length >= 3
    ? new Scenario(numbers[0], TimeSpan.FromMilliseconds(numbers[1]), numbers[2])
    : new Scenario(1000, TimeSpan.FromMilliseconds(200), 50);
var plan = BatchPlan.For(scenario, perBatch: numbers.Length >= 4 ? numbers[3] : 10, waves: numbers.Length >= 5 ? numbers[4] : 1);

var root = ToolsRoot.Find() ?? throw new InvalidOperationException("Run from the repository: its package.json names Azurite.");
await ToolsRoot.EnsureInstalledAsync(root, NullLogger.Instance, CancellationToken.None);
using var azurite = await AzuriteInstance.StartAsync(root, [FreePort(), FreePort(), FreePort()], dataPath: null, CancellationToken.None);

var results = new List<ContenderResult>();
async Task Measure(string name, Func<IReadOnlyList<string>, Task<(TimeSpan Wall, int Results)>> run, string? note = null)
{
    await using var target = await LatencyTarget.StartAsync(scenario.Latency);
    var urls = Enumerable.Range(0, scenario.Urls).Select(i => target.Url($"{name}/{i}")).ToArray();
    var (wall, count) = await run(urls);
    var result = new ContenderResult(name, scenario, wall, target.PeakInFlight, Environment.WorkingSet, count, note);
    if (target.PeakInFlight > scenario.Concurrency)
    {
        throw new InvalidOperationException($"{name} had {target.PeakInFlight} fetches in flight; the scenario allows {scenario.Concurrency}.");
    }

    results.Add(result);
    Console.WriteLine($"{name,-28} {wall.TotalSeconds,8:F2} s  {result.RatioToIdeal,6:F2}x  {result.UrlsPerSecond,8:F0} URLs/s  peak {target.PeakInFlight,4}  results {count}");
}

Console.WriteLine($"{scenario}: ideal {scenario.Ideal.TotalSeconds:F2} s; FunctionsFetch plan: {plan}");
await Measure("seed pool (C workers)", urls => SeedPool.RunAsync(urls, scenario.Concurrency));
await Measure("local host, in memory", urls => LocalHostContender.RunAsync(urls, plan, storage: null), plan.ToString());
await Measure("local host, Azurite", urls => LocalHostContender.RunAsync(urls, plan, azurite.ConnectionString), plan.ToString());

static int FreePort()
{
    using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
    listener.Start();
    return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
}
