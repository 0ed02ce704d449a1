using FunctionsFetch.IntegrationTests.Infrastructure;
using FunctionsFetch.Local;
using FunctionsFetch.Testing;
using Xunit.Abstractions;

namespace FunctionsFetch.IntegrationTests.Engine;

/// <summary>One job through three host crashes at random points and one storage outage: nothing lost, nothing out of order.</summary>
[Collection(AzuriteTests.Name)]
public sealed class ChaosTests(ITestOutputHelper output)
{
    private const int UrlCount = 3_000;
    private const int Kills = 3;
    private const int BatchParallelism = 5;
    private const int MaxParallelBatches = 10;
    private const int Concurrency = BatchParallelism * MaxParallelBatches;

    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);

    [Fact(Timeout = 300_000)]
    public async Task HostKilledThreeTimesAndStorageStoppedOnce_JobCompletesInOrderWithRepeatsBoundedPerKill()
    {
        // Arrange: Azurite of this test's own, with its data on disk, so that it can stop and come back with its state.
        await using var azurite = await PersistentAzurite.StartAsync();
        await using var target = await LatencyTarget.StartAsync(TimeSpan.FromMilliseconds(200));
        var settings = new HostSettings(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next());
        var urls = Enumerable.Range(0, UrlCount).Select(i => target.Url($"chaos{i}")).ToArray();
        var seed = Environment.TickCount;
        var (killPoints, outagePoint) = Plan(new Random(seed));
        output.WriteLine($"Seed {seed}: kills at {string.Join(", ", killPoints)} completed URLs; storage stops at {outagePoint}.");

        HostProcess? host = await HostProcess.StartAsync(settings);
        try
        {
            var id = (await host.Api.StartAsync(urls, new { batchSize = 20, batchParallelism = BatchParallelism, maxParallelBatches = MaxParallelBatches })).Id;

            // Act: each kill at its point, a new host at once; storage away for a while between the second and third.
            for (var kill = 0; kill < Kills; kill++)
            {
                if (kill == 2)
                {
                    await JobProgress.WaitAsync(host.Api, id, atLeast: outagePoint);
                    await azurite.StopAsync();
                    await Task.Delay(Outage);
                    await azurite.RestartAsync();
                }

                var (_, completed) = await JobProgress.WaitAsync(host.Api, id, atLeast: killPoints[kill]);
                await host.KillAsync();
                await host.DisposeAsync();
                host = null;
                output.WriteLine($"Kill {kill + 1} at {completed}/{UrlCount}; target hits so far {target.TotalHits}.");
                host = await HostProcess.StartAsync(settings);
            }

            var done = await host.Api.WaitForResultsAsync(id, Polling.Within(TimeSpan.FromMinutes(3)));

            // Assert: every URL's own answer, once, in input order, and each was really fetched.
            Assert.Equal("Completed", done.RuntimeStatus);
            var results = done.Results.ToArray();
            Assert.Equal(Enumerable.Range(0, UrlCount), results.Select(r => r.Index));
            Assert.Equal(urls, results.Select(r => r.Url));
            Assert.All(results, r => Assert.Equal(200, r.StatusCode));
            Assert.All(urls, url => Assert.True(target.HitsFor(url) >= 1, $"{url} was never fetched"));

            // A kill repeats at most the fetches in flight (C) and, per batch in flight, what it finished since its
            // last checkpoint (one checkpoint interval: BatchParallelism results by default). The outage may add
            // repeats of its own (a lock that lapsed while storage was away), at most one such round.
            var repeats = urls.Sum(url => target.HitsFor(url) - 1);
            var perEvent = Concurrency + (BatchParallelism * MaxParallelBatches);
            output.WriteLine($"Repeated fetches: {repeats} (bound {perEvent} per kill, {(Kills + 1) * perEvent} with the outage).");
            Assert.InRange(repeats, 0, (Kills + 1) * perEvent);
        }
        finally
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }
    }

    /// <summary>Three kill points and one outage point (completed URL counts), random but spaced so each host gets work done.</summary>
    private static (int[] KillPoints, int OutagePoint) Plan(Random random)
    {
        // Thirds of 10 %-75 % of the job, one kill at a random place inside each; the outage between kills 2 and 3.
        const int from = UrlCount / 10;
        const int span = UrlCount * 65 / 100 / Kills;
        var kills = Enumerable.Range(0, Kills).Select(i => from + (i * span) + random.Next(span / 4, span)).ToArray();
        var outage = kills[1] + ((kills[2] - kills[1]) / 3);
        return (kills, outage);
    }
}
