using FunctionsFetch.Configuration;
using FunctionsFetch.Fetching;
using FunctionsFetch.Jobs;
using FunctionsFetch.Tests.TestSupport;
using Microsoft.DurableTask;
using Moq;
using FunctionsFetch.Serialization;

namespace FunctionsFetch.Tests.Jobs;

public sealed class FetchOrchestrationTests
{
    [Fact]
    public async Task RunAsync_BatchesCompleteInReverseOrder_ResultsReadBackInInputOrder()
    {
        // Arrange
        var input = Job(urlCount: 95, batchSize: 10, maxParallelBatches: 100);
        var driver = new OrchestrationDriver(input);

        // Act: always finish the newest batch first.
        var output = await driver.RunAsync(inFlight => inFlight.Count - 1, (batch, done) => driver.SucceedAsync(batch, done));
        var results = await driver.ReadResultsAsync();

        // Assert
        Assert.Equal(input.Urls, results.Select(r => r.Url));
        Assert.Equal(Enumerable.Range(0, 95), results.Select(r => r.Index));
        Assert.Equal(new JobCounts(95, 95, 0), output);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    [InlineData(2026)]
    public async Task RunAsync_BatchesCompleteInRandomOrder_ResultsReadBackInInputOrder(int seed)
    {
        // Arrange
        var input = Job(urlCount: 333, batchSize: 7, maxParallelBatches: 9);
        var driver = new OrchestrationDriver(input);
        var random = new Random(seed);

        // Act
        var output = await driver.RunAsync(inFlight => random.Next(inFlight.Count), (batch, done) => driver.SucceedAsync(batch, done));
        var results = await driver.ReadResultsAsync();

        // Assert
        Assert.Equal(input.Urls, results.Select(r => r.Url));
        Assert.Equal(333, output.Total);
    }

    [Fact]
    public async Task RunAsync_ManyBatches_SchedulesEachBatchOnceWithPlannedSizes()
    {
        // Arrange
        var input = Job(urlCount: 120, batchSize: 50, maxParallelBatches: 10);
        var driver = new OrchestrationDriver(input);

        // Act
        await driver.RunAsync(_ => 0, (batch, done) => driver.SucceedAsync(batch, done));

        // Assert
        Assert.Equal([50, 50, 20], driver.Scheduled.OrderBy(b => b.Offset).Select(b => b.Count));
        Assert.Equal([0, 50, 100], driver.Scheduled.OrderBy(b => b.Offset).Select(b => b.Offset));
        Assert.All(driver.Scheduled, b => Assert.Equal(OrchestrationDriver.JobId, b.JobId));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    public async Task RunAsync_PerJobCap_IsNeverExceededAndIsUsed(int cap)
    {
        // Arrange
        var input = Job(urlCount: 200, batchSize: 10, maxParallelBatches: cap);
        var driver = new OrchestrationDriver(input);
        var random = new Random(cap);

        // Act
        await driver.RunAsync(inFlight => random.Next(inFlight.Count), (batch, done) => driver.SucceedAsync(batch, done));

        // Assert
        Assert.Equal(cap, driver.PeakInFlight);
        Assert.Equal(20, driver.Scheduled.Count);
    }

    [Fact]
    public async Task RunAsync_BatchFailsAfterRetries_ItsUrlsGetErrorResultsAndJobCompletes()
    {
        // Arrange
        var input = Job(urlCount: 30, batchSize: 10, maxParallelBatches: 3);
        var driver = new OrchestrationDriver(input);
        var failure = new TaskFailedException(FetchJobNames.FetchBatchActivity, 1, new TaskFailureDetails("System.IO.IOException", "disk on fire", null, null, null));

        // Act
        var output = await driver.RunAsync(_ => 0, (batch, done) =>
        {
            if (batch.Number != 1)
            {
                return driver.SucceedAsync(batch, done);
            }

            done.SetException(failure);
            return Task.CompletedTask;
        });
        var results = await driver.ReadResultsAsync();

        // Assert
        Assert.Equal(new JobCounts(30, 20, 10), output);
        Assert.Equal(input.Urls, results.Select(r => r.Url));
        Assert.All(results.Skip(10).Take(10), r =>
        {
            Assert.Equal(FetchErrorKind.BatchFailed, r.Error?.Kind);
            Assert.Contains("disk on fire", r.Error!.Message, StringComparison.Ordinal);
            Assert.Null(r.StatusCode);
        });
    }

    [Fact]
    public async Task RunAsync_BatchActivity_IsCalledWithADurableRetryPolicy()
    {
        // Arrange
        var input = Job(urlCount: 5, batchSize: 5, maxParallelBatches: 1);
        var driver = new OrchestrationDriver(input);

        // Act
        await driver.RunAsync(_ => 0, (batch, done) => driver.SucceedAsync(batch, done));

        // Assert
        driver.Context.Verify(c => c.CallActivityAsync<BatchOutcome>(
            It.Is<TaskName>(n => n.Name == FetchJobNames.FetchBatchActivity),
            It.IsAny<object?>(),
            It.Is<TaskOptions?>(o => o!.Retry!.Policy!.MaxNumberOfAttempts == BatchFanOut.BatchAttempts)));
    }

    [Fact]
    public async Task RunAsync_AsBatchesFinish_PublishesGrowingProgressWithFailures()
    {
        // Arrange
        var input = Job(urlCount: 40, batchSize: 10, maxParallelBatches: 2);
        var driver = new OrchestrationDriver(input);

        // Act: the third batch's URLs all answer 500.
        await driver.RunAsync(_ => 0, (batch, done) => driver.SucceedAsync(batch, done, failures: batch.Number == 2 ? 10 : 0));

        // Assert
        Assert.Equal(new JobCounts(40, 0, 0), driver.Progress[0]);
        Assert.Equal([0, 10, 20, 30, 40], driver.Progress.Select(p => p.Completed));
        Assert.Equal(new JobCounts(40, 30, 10), driver.Progress[^1]);
    }

    [Fact]
    public async Task RunAsync_FailuresPassTheToleratedPercent_StopsSchedulingAndEndsFailed()
    {
        // Arrange: 100 URLs tolerate 10 failures; the first batch has 5, the second 10.
        var input = Job(urlCount: 100, batchSize: 10, maxParallelBatches: 1, toleratedFailurePercent: 10);
        var driver = new OrchestrationDriver(input);

        // Act
        var exception = await Assert.ThrowsAsync<FailureThresholdExceededException>(() =>
            driver.RunAsync(_ => 0, (batch, done) => driver.SucceedAsync(batch, done, failures: batch.Number == 0 ? 5 : 10)));
        var results = await driver.ReadResultsAsync();

        // Assert
        Assert.Equal(2, driver.Scheduled.Count);
        Assert.Contains("15 of 100 URLs failed", exception.Message, StringComparison.Ordinal);
        Assert.Contains("80 URLs were not fetched", exception.Message, StringComparison.Ordinal);
        Assert.Equal(20, results.Count);
        Assert.Equal(new JobCounts(100, 5, 15), driver.Progress[^1]);
    }

    [Fact]
    public async Task RunAsync_ThresholdPassedWithBatchesInFlight_LetsThemFinishButStartsNoMore()
    {
        // Arrange
        var input = Job(urlCount: 100, batchSize: 10, maxParallelBatches: 3, toleratedFailurePercent: 0);
        var driver = new OrchestrationDriver(input);

        // Act: the first batch to finish has one failure; two more are in flight then.
        await Assert.ThrowsAsync<FailureThresholdExceededException>(() =>
            driver.RunAsync(_ => 0, (batch, done) => driver.SucceedAsync(batch, done, failures: batch.Number == 0 ? 1 : 0)));

        // Assert
        Assert.Equal(3, driver.Scheduled.Count);
        Assert.Equal(30, (await driver.ReadResultsAsync()).Count);
    }

    [Fact]
    public async Task RunAsync_EveryUrlFailsWithDefaultTolerance_Completes()
    {
        // Arrange
        var input = Job(urlCount: 30, batchSize: 10, maxParallelBatches: 2);
        var driver = new OrchestrationDriver(input);

        // Act
        var output = await driver.RunAsync(_ => 0, (batch, done) => driver.SucceedAsync(batch, done, failures: 10));

        // Assert
        Assert.Equal(new JobCounts(30, 0, 30), output);
    }

    [Fact]
    public async Task RunAsync_RetryJobWithOriginalIndexes_StoresResultsUnderThoseIndexes()
    {
        // Arrange
        var input = new JobRequest(["https://example.test/3", "https://example.test/7"], new JobSettings { BatchSize = 1 }, [3, 7]);
        var driver = new OrchestrationDriver(input);

        // Act
        await driver.RunAsync(_ => 0, (batch, done) => driver.SucceedAsync(batch, done));

        // Assert
        Assert.Equal([3, 7], (await driver.ReadResultsAsync()).Select(r => r.Index));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(1201)]
    public async Task RunAsync_MoreBatchesThanAGenerationHolds_ContinuesAsNewWithResultsInInputOrder(int seed)
    {
        // Arrange: 1,201 one-URL batches make three generations.
        var input = Job(urlCount: 2 * BatchPlanner.MaxBatchesPerGeneration + 201, batchSize: 1, maxParallelBatches: 7);
        var driver = new OrchestrationDriver(input);
        var random = new Random(seed);

        // Act
        var output = await driver.RunAsync(inFlight => random.Next(inFlight.Count), (batch, done) => driver.SucceedAsync(batch, done));
        var results = await driver.ReadResultsAsync();

        // Assert
        Assert.Equal(new JobCounts(input.Urls.Count, input.Urls.Count, 0), output);
        Assert.Equal([500, 1000], driver.Generations.Select(g => g.StartBatch));
        Assert.All(driver.Generations, g => Assert.Equal(input.Urls.Count, g.UrlCount));
        Assert.Equal(input.Urls, results.Select(r => r.Url));
        Assert.Equal(Enumerable.Range(0, input.Urls.Count), driver.Scheduled.Select(b => b.Number));
        Assert.Equal(7, driver.PeakInFlight);
    }

    [Fact]
    public async Task RunAsync_ContinuesAsNew_CarriesTheJobsProgressIntoTheNextGeneration()
    {
        // Arrange
        var input = Job(urlCount: BatchPlanner.MaxBatchesPerGeneration + 1, batchSize: 1, maxParallelBatches: 1);
        var driver = new OrchestrationDriver(input);

        // Act: every odd batch's URL fails.
        await driver.RunAsync(_ => 0, (batch, done) => driver.SucceedAsync(batch, done, failures: batch.Number % 2));

        // Assert
        var total = input.Urls.Count;
        Assert.Equal(new JobCounts(total, 250, 250), Assert.Single(driver.Generations).Before);
        Assert.Equal(driver.Progress.Select(p => p.Completed).Order(), driver.Progress.Select(p => p.Completed));
        Assert.Equal(new JobCounts(total, 251, 250), driver.Progress[^1]);
    }

    [Fact]
    public async Task RunAsync_HostThrottledInOneGeneration_IsStillListedWhenTheNextOneStarts()
    {
        // Arrange: 501 one-URL batches, so two generations; the first batch reports a throttled host.
        var input = Job(urlCount: 501, batchSize: 1, maxParallelBatches: 1);
        var driver = new OrchestrationDriver(input);
        var host = new ThrottledHost("https://busy.test:443", 2, null);

        // Act
        await driver.RunAsync(_ => 0, async (batch, done) =>
        {
            var stored = new TaskCompletionSource<BatchOutcome>();
            await driver.SucceedAsync(batch, stored);
            var outcome = await stored.Task;
            done.SetResult(batch.Number == 0 ? outcome with { Throttled = [host] } : outcome);
        });

        // Assert: carried in the continue-as-new input, and the second generation's first status names it.
        Assert.Equal([host], driver.Generations[0].Throttled!);
        var secondStart = driver.ThrottledHosts[driver.Progress.FindLastIndex(p => p.Completed == 500)];
        Assert.Contains(host, secondStart);
    }

    [Fact]
    public async Task RunAsync_ThresholdPassedInALaterGeneration_StopsThereAndEndsFailed()
    {
        // Arrange: 1,200 URLs tolerate 600 failures; every URL from the 501st on fails.
        var input = Job(urlCount: 1200, batchSize: 1, maxParallelBatches: 1, toleratedFailurePercent: 50);
        var driver = new OrchestrationDriver(input);

        // Act
        var exception = await Assert.ThrowsAsync<FailureThresholdExceededException>(() =>
            driver.RunAsync(_ => 0, (batch, done) => driver.SucceedAsync(batch, done, failures: batch.Number >= 500 ? 1 : 0)));

        // Assert
        Assert.Equal(1101, driver.Scheduled.Count);
        Assert.Equal(2, driver.Generations.Count);
        Assert.Contains("601 of 1200 URLs failed", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_AnyJob_CarriesNoUrlInItsInputOrItsBatches()
    {
        // Arrange
        var input = Job(urlCount: 30, batchSize: 10, maxParallelBatches: 3);
        var driver = new OrchestrationDriver(input);

        // Act
        await driver.RunAsync(_ => 0, (batch, done) => driver.SucceedAsync(batch, done));

        // Assert: what history would hold serializes without a single URL; the batches read theirs from the store.
        var history = FetchJson.DataConverter.Serialize(driver.Context.Object.GetInput<FetchJobInput>()) + string.Concat(driver.Scheduled.Select(b => FetchJson.DataConverter.Serialize(b)));
        Assert.DoesNotContain("example.test", history, StringComparison.Ordinal);
        Assert.Equal(input.Urls, (await driver.ReadResultsAsync()).Select(r => r.Url));
    }

    private static JobRequest Job(int urlCount, int batchSize, int maxParallelBatches, int toleratedFailurePercent = 100) => new(
        Enumerable.Range(0, urlCount).Select(i => $"http://example.test/item/{i}").ToArray(),
        new JobSettings { Concurrency = Math.Max(maxParallelBatches, 50), BatchSize = batchSize, MaxParallelBatches = maxParallelBatches, ToleratedFailurePercent = toleratedFailurePercent });
}
