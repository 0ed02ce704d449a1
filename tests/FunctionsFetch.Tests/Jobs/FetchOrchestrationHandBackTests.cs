using FunctionsFetch.Configuration;
using FunctionsFetch.Jobs;
using FunctionsFetch.Tests.TestSupport;

namespace FunctionsFetch.Tests.Jobs;

public sealed class FetchOrchestrationHandBackTests
{
    [Fact]
    public async Task RunAsync_BatchHandsUrlsBack_FetchesThemInALaterRoundAfterATimerAndReadsAllBackInInputOrder()
    {
        // Arrange
        var input = Job(urlCount: 20, batchSize: 10, maxParallelBatches: 2);
        var driver = new OrchestrationDriver(input);

        // Act: batch 0 hands back its URLs at positions 3 and 7; everything else (and the later round) succeeds.
        var output = await driver.RunAsync(_ => 0, (batch, done) =>
            driver.SucceedAsync(batch, done, handBack: batch is { Number: 0, Round: 0 } ? [3, 7] : null));
        var results = await driver.ReadResultsAsync();

        // Assert
        var round = Assert.Single(driver.Scheduled, b => b.Round == 1);
        Assert.Equal(0, round.Number);
        Assert.Equal([3, 7], round.HandedBack!.Select(u => u.Position));
        Assert.Equal([1, 1], round.HandedBack!.Select(u => u.Attempts));
        Assert.Equal([OrchestrationDriver.Now.AddSeconds(30)], driver.Timers);
        Assert.Equal(input.Urls, results.Select(r => r.Url));
        Assert.Equal(Enumerable.Range(0, 20), results.Select(r => r.Index));
        Assert.Equal(new JobCounts(20, 20, 0), output);
        Assert.Equal(20, driver.Progress[^1].Completed);
    }

    [Fact]
    public async Task RunAsync_StoppingHostHandsUrlsBackWithNoWait_RunsTheNextRoundAtOnceWithoutATimer()
    {
        // Arrange
        var input = Job(urlCount: 20, batchSize: 10, maxParallelBatches: 2);
        var driver = new OrchestrationDriver(input);

        // Act: batch 1 is cut by a stopping host, which hands back its positions 5 to 9 with no wait.
        var output = await driver.RunAsync(_ => 0, (batch, done) =>
            driver.SucceedAsync(batch, done, handBack: batch is { Number: 1, Round: 0 } ? [5, 6, 7, 8, 9] : null, handBackWaitSeconds: 0));
        var results = await driver.ReadResultsAsync();

        // Assert
        var round = Assert.Single(driver.Scheduled, b => b.Round == 1);
        Assert.Equal([5, 6, 7, 8, 9], round.HandedBack!.Select(u => u.Position));
        Assert.Empty(driver.Timers);
        Assert.Equal(Enumerable.Range(0, 20), results.Select(r => r.Index));
        Assert.Equal(new JobCounts(20, 20, 0), output);
    }

    [Fact]
    public async Task RunAsync_UrlHandedBackTwice_RunsTwoRoundsAndKeepsOneResultPerIndex()
    {
        // Arrange
        var input = Job(urlCount: 5, batchSize: 5, maxParallelBatches: 1);
        var driver = new OrchestrationDriver(input);

        // Act
        await driver.RunAsync(_ => 0, (batch, done) =>
            driver.SucceedAsync(batch, done, handBack: batch.Round < 2 ? [4] : null));
        var results = await driver.ReadResultsAsync();

        // Assert
        Assert.Equal([0, 1, 2], driver.Scheduled.Select(b => b.Round));
        Assert.Equal(Enumerable.Range(0, 5), results.Select(r => r.Index));
    }

    [Fact]
    public async Task RunAsync_WhileARoundWaitsOnItsTimer_OtherBatchesUseTheSlots()
    {
        // Arrange: one slot; batch 0 hands back, so batch 1 must be able to start before the round runs.
        var input = Job(urlCount: 4, batchSize: 2, maxParallelBatches: 1);
        var driver = new OrchestrationDriver(input);

        // Act
        await driver.RunAsync(_ => 0, (batch, done) =>
            driver.SucceedAsync(batch, done, handBack: batch is { Number: 0, Round: 0 } ? [1] : null));

        // Assert
        Assert.Equal([(0, 0), (1, 0), (0, 1)], driver.Scheduled.Select(b => (b.Number, b.Round)));
        Assert.Equal(1, driver.PeakInFlight);
    }

    private static JobRequest Job(int urlCount, int batchSize, int maxParallelBatches) => new(
        Enumerable.Range(0, urlCount).Select(i => $"https://example.test/{i}").ToArray(),
        new JobSettings { BatchSize = batchSize, MaxParallelBatches = maxParallelBatches });
}
