using FunctionsFetch.Configuration;
using FunctionsFetch.Jobs;
using FunctionsFetch.Tests.TestSupport;
using Moq;

namespace FunctionsFetch.Tests.Jobs;

/// <summary>A job with a completion callback tells its callback orchestration when it ends by itself.</summary>
public sealed class FetchOrchestrationCallbackTests
{
    private static readonly string CallbackId = FetchJobNames.CallbackInstanceId(OrchestrationDriver.JobId);

    [Fact]
    public async Task RunAsync_JobWithACallbackCompletes_TellsItsCallbackOrchestrationOnce()
    {
        // Arrange
        var driver = Driver(hasCallback: true, inputJobId: null);

        // Act
        await driver.RunAsync(_ => 0, (batch, done) => driver.SucceedAsync(batch, done));

        // Assert
        driver.Context.Verify(c => c.SendEvent(CallbackId, FetchJobNames.JobEndedEvent, true), Times.Once);
    }

    [Fact]
    public async Task RunAsync_JobWithACallbackPassesItsFailureThreshold_TellsItBeforeFailing()
    {
        // Arrange
        var driver = Driver(hasCallback: true, inputJobId: OrchestrationDriver.JobId, toleratedFailurePercent: 0);

        // Act
        await Assert.ThrowsAsync<FailureThresholdExceededException>(() => driver.RunAsync(_ => 0, (batch, done) => driver.SucceedAsync(batch, done, failures: 1)));

        // Assert
        driver.Context.Verify(c => c.SendEvent(CallbackId, FetchJobNames.JobEndedEvent, true), Times.Once);
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, "the-job-it-restarts")]
    public async Task RunAsync_JobWithoutItsOwnCallback_SendsNoEvent(bool hasCallback, string? inputJobId)
    {
        // Arrange: no callback, or a copy of a job's input restarted under another id (which has no callback orchestration).
        var driver = Driver(hasCallback, inputJobId);

        // Act
        await driver.RunAsync(_ => 0, (batch, done) => driver.SucceedAsync(batch, done));

        // Assert
        driver.Context.Verify(c => c.SendEvent(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object>()), Times.Never);
    }

    private static OrchestrationDriver Driver(bool hasCallback, string? inputJobId, int toleratedFailurePercent = 100)
    {
        var request = new JobRequest(
            Enumerable.Range(0, 20).Select(i => $"http://example.test/item/{i}").ToArray(),
            new JobSettings { Concurrency = 50, BatchSize = 10, MaxParallelBatches = 2, ToleratedFailurePercent = toleratedFailurePercent });
        var driver = new OrchestrationDriver(request);
        var input = new FetchJobInput(20, JobPlanner.Plan(request.Settings, 20, ActivitySlots.Default), InputJobId: inputJobId, HasCallback: hasCallback);
        driver.Context.Setup(c => c.GetInput<FetchJobInput>()).Returns(input);
        return driver;
    }
}
