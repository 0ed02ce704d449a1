using System.Net;
using FunctionsFetch.Configuration;
using FunctionsFetch.Jobs;
using FunctionsFetch.Testing;
using Microsoft.DurableTask.Client;
using Moq;

namespace FunctionsFetch.Tests.Api;

public sealed class ConcurrencyHandlerTests
{
    private static readonly FetchJobInput Running = new(1_000, JobPlanner.Plan(new JobSettings { Concurrency = 10 }, 1_000, ActivitySlots.Default));

    [Fact]
    public async Task HandleAsync_RunningJob_RaisesThePlannedRetuneAndAnswers202WithTheNewConcurrency()
    {
        // Arrange
        var harness = new ApiHarness();
        harness.JobRunsWith("job-1", Running);

        // Act
        var response = await harness.SetConcurrencyAsync("job-1", "{\"concurrency\": 40}");

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var json = response.ReadJson();
        Assert.Equal("job-1", json.RootElement.GetProperty("id").GetString());
        Assert.Equal(40, json.RootElement.GetProperty("concurrency").GetInt32());
        Assert.Equal(1_000, json.RootElement.GetProperty("total").GetInt32());
        var expected = JobPlanner.Retune(Running.Settings, 40, ActivitySlots.Default);
        harness.Client.Verify(c => c.RaiseEventAsync("job-1", FetchJobNames.ConcurrencyEvent, expected, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Theory]
    [InlineData("{\"concurrency\": 0}", "concurrency must be between 1 and 1000 (was 0).")]
    [InlineData("{\"batchSize\": 10}", "The body must be a JSON object {\"concurrency\": n}; 'batchSize' is not part of it (only the concurrency changes while a job runs).")]
    public async Task HandleAsync_BadBody_Answers400AndRaisesNothing(string body, string detail)
    {
        // Arrange
        var harness = new ApiHarness();
        harness.JobRunsWith("job-1", Running);

        // Act
        var response = await harness.SetConcurrencyAsync("job-1", body);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = response.ReadJson();
        Assert.Equal(detail, json.RootElement.GetProperty("detail").GetString());
        VerifyNothingRaised(harness);
    }

    [Fact]
    public async Task HandleAsync_AboveTheServersLimit_Answers400WithThatLimit()
    {
        // Arrange
        var options = new FetchOptions();
        options.Limits = options.Limits with { Concurrency = 100 };
        var harness = new ApiHarness(options);
        harness.JobRunsWith("job-1", Running);

        // Act
        var response = await harness.SetConcurrencyAsync("job-1", "{\"concurrency\": 101}");

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = response.ReadJson();
        Assert.Equal("concurrency must be between 1 and 100 (was 101).", json.RootElement.GetProperty("detail").GetString());
        VerifyNothingRaised(harness);
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Completed)]
    [InlineData(OrchestrationRuntimeStatus.Terminated)]
    [InlineData(OrchestrationRuntimeStatus.Failed)]
    public async Task HandleAsync_EndedJob_Answers409AndRaisesNothing(OrchestrationRuntimeStatus status)
    {
        // Arrange
        var harness = new ApiHarness();
        harness.JobRunsWith("job-1", Running, status);

        // Act
        var response = await harness.SetConcurrencyAsync("job-1", "{\"concurrency\": 40}");

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        using var json = response.ReadJson();
        Assert.Equal($"Job 'job-1' already ended as {status}.", json.RootElement.GetProperty("detail").GetString());
        VerifyNothingRaised(harness);
    }

    [Fact]
    public async Task HandleAsync_UnknownJob_Answers404()
    {
        // Arrange
        var harness = new ApiHarness();

        // Act
        var response = await harness.SetConcurrencyAsync("nope", "{\"concurrency\": 40}");

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        VerifyNothingRaised(harness);
    }

    private static void VerifyNothingRaised(ApiHarness harness) =>
        harness.Client.Verify(c => c.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<CancellationToken>()), Times.Never);
}
