using FunctionsFetch.Configuration;
using FunctionsFetch.Jobs;
using FunctionsFetch.Tests.TestSupport;

namespace FunctionsFetch.Tests.Jobs;

/// <summary>A <see cref="FetchJobNames.ConcurrencyEvent"/> while a job runs: the batches it starts next take the new shape.</summary>
public sealed class FetchOrchestrationRetuneTests
{
    [Fact]
    public async Task RunAsync_RetuneAfterTheFirstBatch_LaterBatchesTakeTheNewShapeAndTheStatusNamesIt()
    {
        // Arrange: 2 batches of 5 fetches in flight, retuned to 4 batches of 3.
        var input = Job(urlCount: 200, batchSize: 10, concurrency: 10, batchParallelism: 5);
        var driver = new OrchestrationDriver(input);
        var completed = 0;

        // Act
        var output = await driver.RunAsync(_ => 0, async (batch, done) =>
        {
            if (++completed == 1)
            {
                driver.Retune(new ConcurrencyChange(12, BatchParallelism: 3, MaxParallelBatches: 4));
            }

            await driver.SucceedAsync(batch, done);
        });
        var results = await driver.ReadResultsAsync();

        // Assert
        Assert.Equal(new JobCounts(200, 200, 0), output);
        Assert.Equal(input.Urls, results.Select(r => r.Url));
        Assert.All(driver.Scheduled.Take(2), b => Assert.Equal(5, b.Settings.BatchParallelism));
        Assert.All(driver.Scheduled.Skip(2), b => Assert.Equal((12, 3, 4), (b.Settings.Concurrency, b.Settings.BatchParallelism, b.Settings.MaxParallelBatches)));
        Assert.Equal(4, driver.PeakInFlight);
        Assert.Equal(10, driver.Concurrencies[0]);
        Assert.Equal(12, driver.Concurrencies[^1]);
    }

    [Fact]
    public async Task RunAsync_RetuneDown_NoMoreBatchesStartUntilTheJobIsUnderTheNewCap()
    {
        // Arrange: 4 batches in flight, retuned to 1.
        var input = Job(urlCount: 100, batchSize: 5, concurrency: 20, batchParallelism: 5);
        var driver = new OrchestrationDriver(input);
        var inFlightAfterRetune = new List<int>();
        var retuned = false;

        // Act
        await driver.RunAsync(_ => 0, async (batch, done) =>
        {
            if (!retuned)
            {
                driver.Retune(new ConcurrencyChange(5, BatchParallelism: 5, MaxParallelBatches: 1));
                retuned = true;
            }
            else
            {
                inFlightAfterRetune.Add(driver.InFlight.Count);
            }

            await driver.SucceedAsync(batch, done);
        });

        // Assert: the 3 batches left running finish, then one at a time.
        Assert.Equal(4, driver.PeakInFlight);
        Assert.Equal([2, 1, 0], inFlightAfterRetune.Take(3));
        Assert.All(inFlightAfterRetune.Skip(3), count => Assert.Equal(0, count));
        Assert.Equal(20, driver.Scheduled.Count);
    }

    [Fact]
    public async Task RunAsync_RetuneInALargeJob_TheNextGenerationKeepsTheRetunedSettings()
    {
        // Arrange: more batches than one generation runs.
        var input = Job(urlCount: BatchPlanner.MaxBatchesPerGeneration + 50, batchSize: 1, concurrency: 2);
        var driver = new OrchestrationDriver(input);
        var completed = 0;

        // Act
        await driver.RunAsync(_ => 0, async (batch, done) =>
        {
            if (++completed == 1)
            {
                driver.Retune(new ConcurrencyChange(3, BatchParallelism: 1, MaxParallelBatches: 3));
            }

            await driver.SucceedAsync(batch, done);
        });

        // Assert
        var next = Assert.Single(driver.Generations);
        Assert.Equal((3, 1, 3), (next.Settings.Concurrency, next.Settings.BatchParallelism, next.Settings.MaxParallelBatches));
        Assert.All(driver.Scheduled.Skip(BatchPlanner.MaxBatchesPerGeneration), b => Assert.Equal(3, b.Settings.MaxParallelBatches));
        Assert.Equal(3, driver.Concurrencies[^1]);
    }

    private static JobRequest Job(int urlCount, int batchSize, int concurrency, int batchParallelism = 0) => new(
        Enumerable.Range(0, urlCount).Select(i => $"http://example.test/item/{i}").ToArray(),
        new JobSettings { Concurrency = concurrency, BatchSize = batchSize, BatchParallelism = batchParallelism });
}
