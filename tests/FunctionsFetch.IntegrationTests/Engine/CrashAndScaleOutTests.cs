using System.Diagnostics;
using FunctionsFetch.Client;
using FunctionsFetch.IntegrationTests.Infrastructure;
using FunctionsFetch.Local;
using FunctionsFetch.Testing;
using Xunit.Abstractions;

namespace FunctionsFetch.IntegrationTests.Engine;

[Collection(AzuriteTests.Name)]
public sealed class CrashAndScaleOutTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    /// <summary>The batches a host's process ran, by outcome, as its <c>/metrics</c> counts them.</summary>
    private const string StoredBatches = "functionsfetch_batches_total";

    [Fact]
    public async Task HostKilledMidJob_RestartedHostFinishesWithOneResultPerIndexAndNoUrlLost()
    {
        // Arrange
        await using var target = await LatencyTarget.StartAsync(TimeSpan.FromMilliseconds(200));
        var settings = new HostSettings(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next());
        var urls = Enumerable.Range(0, 400).Select(i => target.Url($"crash{i}")).ToArray();
        string id;
        int completedAtKill;
        await using (var first = await HostProcess.StartAsync(settings))
        {
            id = (await first.Api.StartAsync(urls, new { batchSize = 10, batchParallelism = 5, maxParallelBatches = 4 })).Id;
            (_, completedAtKill) = await JobProgress.WaitAsync(first.Api, id, atLeast: 100);

            // Act: a crash, no shutdown code runs.
            await first.KillAsync();
        }

        var restart = Stopwatch.StartNew();
        await using var second = await HostProcess.StartAsync(settings);
        var (resumedAfter, _) = await JobProgress.WaitAsync(second.Api, id, atLeast: completedAtKill + 1);
        var done = await second.Api.WaitForResultsAsync(id, Polling.Within(TimeSpan.FromMinutes(3)));
        output.WriteLine($"Killed at {completedAtKill}/400; restarted host made progress after {resumedAfter.TotalSeconds:F1} s and finished after {restart.Elapsed.TotalSeconds:F1} s.");

        // Assert
        Assert.Equal("Completed", done.RuntimeStatus);
        var results = done.Results.ToArray();
        Assert.Equal(Enumerable.Range(0, 400), results.Select(r => r.Index));
        Assert.Equal(urls, results.Select(r => r.Url));
        Assert.All(results, r => Assert.Equal(200, r.StatusCode));
        Assert.All(urls, url => Assert.True(target.HitsFor(url) >= 1, $"{url} was never fetched"));

        // Only the batches in flight at the kill may have run twice (at-least-once activities).
        var repeated = urls.Count(url => target.HitsFor(url) > 1);
        output.WriteLine($"URLs fetched twice: {repeated}");
        Assert.InRange(repeated, 0, 4 * 10);
    }

    [Fact]
    public async Task HostStoppedGracefullyMidJob_RestartedHostFinishesTheJobWithNoUrlCanceledOrFetchedTwice()
    {
        // Arrange: 1 s URLs, 20 in flight, so the stop always comes while fetches run.
        await using var target = await LatencyTarget.StartAsync(TimeSpan.FromSeconds(1));
        var settings = new HostSettings(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next());
        var urls = Enumerable.Range(0, 200).Select(i => target.Url($"stop{i}")).ToArray();
        string id;
        await using (var first = await HostProcess.StartAsync(settings))
        {
            id = (await first.Api.StartAsync(urls, new { batchSize = 10, batchParallelism = 5, maxParallelBatches = 4 })).Id;
            await JobProgress.WaitAsync(first.Api, id, atLeast: 40);

            // Act: SIGTERM, as a scale-in or a container stop sends it.
            await first.StopAsync();
        }

        await using var second = await HostProcess.StartAsync(settings);
        var done = await second.Api.WaitForResultsAsync(id, Polling.Within(TimeSpan.FromMinutes(3)));

        // Assert: a stopping host canceled nobody's job; every URL has its real answer, once, in order; the fetches
        // in flight at the stop finished within the drain, so the target saw each URL once.
        Assert.Equal("Completed", done.RuntimeStatus);
        var results = done.Results.ToArray();
        Assert.Equal(Enumerable.Range(0, 200), results.Select(r => r.Index));
        Assert.All(results, r => Assert.Null(r.Error));
        Assert.All(results, r => Assert.Equal(200, r.StatusCode));
        Assert.All(urls, url => Assert.Equal(1, target.HitsFor(url)));
    }

    [Fact]
    public async Task TwoHostsOnOneHub_BothRunBatchesOfOneJob()
    {
        // Arrange
        await using var target = await LatencyTarget.StartAsync(TimeSpan.FromMilliseconds(300));
        var hub = AzuriteFixture.NewHubName();
        await using var first = await HostProcess.StartAsync(new HostSettings(hub, azurite.ConnectionString, FreePorts.Next()).Set("extensions:durableTask:maxConcurrentActivityFunctions", 2));
        await using var second = await HostProcess.StartAsync(new HostSettings(hub, azurite.ConnectionString, FreePorts.Next()).Set("extensions:durableTask:maxConcurrentActivityFunctions", 2));
        var urls = Enumerable.Range(0, 160).Select(i => target.Url($"shared{i}")).ToArray();

        // Act
        var id = (await first.Api.StartAsync(urls, new { batchSize = 4, batchParallelism = 4, maxParallelBatches = 8 })).Id;
        var done = await second.Api.WaitForResultsAsync(id, Polling.Within(TimeSpan.FromMinutes(3)));

        // Assert: each host's own /metrics counts the batches it stored. Activities run at least once, so a batch whose
        // message came back while the hosts shared the queues may store again; the results hold each URL exactly once.
        Assert.Equal(urls, done.Results.Select(r => r.Url));
        var firstBatches = (await PrometheusScrape.ReadAsync(first.Http)).Sum(StoredBatches, ("outcome", "stored"));
        var secondBatches = (await PrometheusScrape.ReadAsync(second.Http)).Sum(StoredBatches, ("outcome", "stored"));
        output.WriteLine($"Batches stored: first host {firstBatches}, second host {secondBatches}");
        Assert.True(firstBatches > 0 && secondBatches > 0, $"first stored {firstBatches}, second stored {secondBatches}");
        Assert.True(firstBatches + secondBatches >= 40, $"40 batches, {firstBatches + secondBatches} stored");
    }
}
