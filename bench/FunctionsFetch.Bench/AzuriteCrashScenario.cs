using System.Diagnostics;
using FunctionsFetch.Client;
using FunctionsFetch.Local;
using FunctionsFetch.Local.Storage;
using FunctionsFetch.Testing;

namespace FunctionsFetch.Bench;

/// <summary>
/// Storage itself dies: Azurite, with its data on disk, is SIGKILLed at about half done and started again at once on
/// the same folder, while the host keeps running. Azurite keeps its queues, tables and blob metadata in memory and
/// saves each store every 5 s on its own, so what a kill loses is the last seconds of each, independently.
/// Each round reports how the job ended, how many results came back in order, and what the target saw.
/// </summary>
public static class AzuriteCrashScenario
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(2);

    public static async Task<AzuriteCrashRow> RunRoundAsync(string root, Scenario scenario, IReadOnlyDictionary<string, string> overrides)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        int[] ports = [FreePorts.Next(), FreePorts.Next(), FreePorts.Next()];
        var data = Directory.CreateTempSubdirectory("bench-azurite-crash-").FullName;
        var azurite = await AzuriteInstance.StartAsync(root, ports, data, CancellationToken.None);
        try
        {
            await using var target = await LatencyTarget.StartAsync(scenario.Latency);
            var urls = Enumerable.Range(0, scenario.Urls).Select(i => target.Url($"azurite-crash/{i}")).ToArray();
            await using var host = await HostUnderTest.StartAsync(LocalHostContender.Settings(scenario, azurite.ConnectionString, LocalHostContender.NewHubName(), overrides));
            using var http = BenchJobs.CreateHttp(host.BaseUri);
            var jobs = new FetchClient(http);
            var clock = Stopwatch.StartNew();
            var id = await BenchJobs.SubmitAsync(jobs, urls, scenario);
            int doneAtKill;
            while ((doneAtKill = await BenchJobs.CompletedAsync(jobs, id) ?? scenario.Urls) < scenario.Urls / 2)
            {
                await Task.Delay(20);
            }

            // A crash of storage: no save on the way down (Dispose kills a supervised Azurite and its children).
            azurite.Dispose();
            azurite = await AzuriteInstance.StartAsync(root, ports, data, CancellationToken.None);

            using var giveUp = new CancellationTokenSource(GiveUpAfter);
            string ending;
            int results;
            try
            {
                using var done = await jobs.WaitAsync(id, ResultFormat.Ndjson, BenchJobs.Polling(scenario), cancellationToken: giveUp.Token);
                results = await BenchJobs.CountOrderedAsync(done);
                ending = done.Counts?.RuntimeStatus ?? "ended";
            }
            catch (Exception error) when (error is OperationCanceledException or FetchApiException or InvalidOperationException)
            {
                results = 0;
                ending = giveUp.IsCancellationRequested
                    ? $"not ended after {GiveUpAfter.TotalMinutes:F0} min at {await CompletedOrEndedAsync(jobs, id)} completed"
                    : $"results unreadable: {error.Message}";
            }

            return new AzuriteCrashRow(doneAtKill, ending, results, clock.Elapsed,
                NeverFetched: urls.Count(url => target.HitsFor(url) == 0),
                FetchedTwice: urls.Count(url => target.HitsFor(url) > 1));
        }
        finally
        {
            await azurite.StopAsync(TimeSpan.FromSeconds(30));
            azurite.Dispose();
            TryDelete(data);
        }
    }

    private static async Task<string> CompletedOrEndedAsync(FetchClient jobs, string id)
    {
        try
        {
            return (await BenchJobs.CompletedAsync(jobs, id))?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(ended)";
        }
        catch (FetchApiException error)
        {
            return $"(status {(int)error.StatusCode})";
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Still held open; the system cleans up its temp folder.
        }
    }
}

/// <summary>One round of <see cref="AzuriteCrashScenario"/>: completed URLs at the kill, how the job ended, results read in order, and what the target saw.</summary>
public sealed record AzuriteCrashRow(int DoneAtKill, string Ending, int Results, TimeSpan Took, int NeverFetched, int FetchedTwice);

/// <summary>The rounds of <see cref="AzuriteCrashScenario"/> for one scenario.</summary>
public sealed record AzuriteCrashRows(Scenario Scenario, IReadOnlyList<AzuriteCrashRow> Rounds);
