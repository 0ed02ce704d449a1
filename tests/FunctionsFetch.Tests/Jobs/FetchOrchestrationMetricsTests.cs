using FunctionsFetch.Configuration;
using FunctionsFetch.Diagnostics;
using FunctionsFetch.Jobs;
using FunctionsFetch.Testing;
using FunctionsFetch.Tests.TestSupport;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace FunctionsFetch.Tests.Jobs;

public sealed class FetchOrchestrationMetricsTests
{
    private readonly System.Diagnostics.Metrics.IMeterFactory _factory = TestMetrics.Factory();

    [Fact]
    public async Task RunAsync_JobCompletesOverTwoGenerations_CountsOneCompletedEnd()
    {
        // Arrange: 600 batches of one URL, so the job continues as new once (500 batches a generation).
        var driver = new OrchestrationDriver(Job(urlCount: 600)) { Metrics = new FetchMetrics(_factory) };
        using var ended = new MetricCollector<long>(_factory, FetchMetrics.MeterName, "functionsfetch.jobs.ended");

        // Act
        await driver.RunAsync(_ => 0, (batch, done) => driver.SucceedAsync(batch, done));

        // Assert
        Assert.Single(driver.Generations);
        Assert.Equal("Completed", Assert.Single(ended.GetMeasurementSnapshot()).Tags["status"]);
    }

    [Fact]
    public async Task RunAsync_Replaying_CountsNothing()
    {
        // Arrange: the engine replays a history that already holds the job's end.
        var driver = new OrchestrationDriver(Job(urlCount: 3)) { Metrics = new FetchMetrics(_factory) };
        driver.Context.SetupGet(c => c.IsReplaying).Returns(true);
        using var ended = new MetricCollector<long>(_factory, FetchMetrics.MeterName, "functionsfetch.jobs.ended");

        // Act
        await driver.RunAsync(_ => 0, (batch, done) => driver.SucceedAsync(batch, done));

        // Assert
        Assert.Empty(ended.GetMeasurementSnapshot());
    }

    private static JobRequest Job(int urlCount) =>
        new(Enumerable.Range(0, urlCount).Select(i => $"https://example.test/{i}").ToArray(), new JobSettings { Concurrency = 50, BatchSize = 1, MaxParallelBatches = 50 });
}
