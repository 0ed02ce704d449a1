using FunctionsFetch.Configuration;
using FunctionsFetch.Fetching;
using FunctionsFetch.Jobs;
using FunctionsFetch.Tests.TestSupport;
using Microsoft.DurableTask;
using Moq;

namespace FunctionsFetch.Tests.Jobs;

public sealed class FetchOrchestrationTests
{
    [Fact]
    public async Task RunAsync_BatchesCompleteInReverseOrder_ResultsStayInInputOrder()
    {
        // Arrange
        var input = Job(urlCount: 95, batchSize: 10, maxParallelBatches: 100);
        var driver = new OrchestrationDriver(input);

        // Act: always finish the newest batch first.
        var output = await driver.RunAsync(inFlight => inFlight.Count - 1, (batch, done) => done.SetResult(OrchestrationDriver.Succeed(batch)));

        // Assert
        Assert.Equal(input.Urls, output.Results.Select(r => r.Url));
        Assert.Equal(Enumerable.Range(0, 95), output.Results.Select(r => r.Index));
        Assert.Equal(95, output.Succeeded);
        Assert.Equal(0, output.Failed);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    [InlineData(2026)]
    public async Task RunAsync_BatchesCompleteInRandomOrder_ResultsStayInInputOrder(int seed)
    {
        // Arrange
        var input = Job(urlCount: 333, batchSize: 7, maxParallelBatches: 9);
        var driver = new OrchestrationDriver(input);
        var random = new Random(seed);

        // Act
        var output = await driver.RunAsync(inFlight => random.Next(inFlight.Count), (batch, done) => done.SetResult(OrchestrationDriver.Succeed(batch)));

        // Assert
        Assert.Equal(input.Urls, output.Results.Select(r => r.Url));
        Assert.Equal(333, output.Total);
    }

    [Fact]
    public async Task RunAsync_ManyBatches_SchedulesEachBatchOnceWithPlannedSizes()
    {
        // Arrange
        var input = Job(urlCount: 120, batchSize: 50, maxParallelBatches: 10);
        var driver = new OrchestrationDriver(input);

        // Act
        await driver.RunAsync(_ => 0, (batch, done) => done.SetResult(OrchestrationDriver.Succeed(batch)));

        // Assert
        Assert.Equal([50, 50, 20], driver.Scheduled.OrderBy(b => b.Offset).Select(b => b.Urls.Count));
        Assert.Equal([0, 50, 100], driver.Scheduled.OrderBy(b => b.Offset).Select(b => b.Offset));
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
        await driver.RunAsync(inFlight => random.Next(inFlight.Count), (batch, done) => done.SetResult(OrchestrationDriver.Succeed(batch)));

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
            if (batch.Number == 1)
            {
                done.SetException(failure);
            }
            else
            {
                done.SetResult(OrchestrationDriver.Succeed(batch));
            }
        });

        // Assert
        Assert.Equal(30, output.Results.Count);
        Assert.Equal(10, output.Failed);
        Assert.Equal(20, output.Succeeded);
        Assert.All(output.Results.Skip(10).Take(10), r =>
        {
            Assert.Equal(FetchErrorKind.Canceled, r.Error?.Kind);
            Assert.Contains("disk on fire", r.Error!.Message, StringComparison.Ordinal);
            Assert.Null(r.StatusCode);
        });
        Assert.Equal(input.Urls, output.Results.Select(r => r.Url));
    }

    [Fact]
    public async Task RunAsync_BatchActivity_IsCalledWithADurableRetryPolicy()
    {
        // Arrange
        var input = Job(urlCount: 5, batchSize: 5, maxParallelBatches: 1);
        var driver = new OrchestrationDriver(input);

        // Act
        await driver.RunAsync(_ => 0, (batch, done) => done.SetResult(OrchestrationDriver.Succeed(batch)));

        // Assert
        driver.Context.Verify(c => c.CallActivityAsync<BatchOutcome>(
            It.IsAny<TaskName>(),
            It.IsAny<object?>(),
            It.Is<TaskOptions?>(o => o!.Retry!.Policy!.MaxNumberOfAttempts == FetchOrchestration.BatchAttempts)));
    }

    [Fact]
    public async Task RunAsync_AsBatchesFinish_PublishesGrowingProgressWithFailures()
    {
        // Arrange
        var input = Job(urlCount: 40, batchSize: 10, maxParallelBatches: 2);
        var driver = new OrchestrationDriver(input);

        // Act: the third batch's URLs all answer 500.
        await driver.RunAsync(_ => 0, (batch, done) => done.SetResult(batch.Number == 2
            ? new BatchOutcome(OrchestrationDriver.Succeed(batch).Results.Select(r => r with { StatusCode = 500 }).ToArray())
            : OrchestrationDriver.Succeed(batch)));

        // Assert
        Assert.Equal(new JobProgress(40, 0, 0), driver.Progress[0]);
        Assert.Equal([0, 10, 20, 30, 40], driver.Progress.Select(p => p.Completed));
        Assert.Equal(new JobProgress(40, 40, 10), driver.Progress[^1]);
    }

    private static FetchJobInput Job(int urlCount, int batchSize, int maxParallelBatches) => new(
        Enumerable.Range(0, urlCount).Select(i => $"http://example.test/item/{i}").ToArray(),
        new JobSettings { BatchSize = batchSize, MaxParallelBatches = maxParallelBatches });
}
