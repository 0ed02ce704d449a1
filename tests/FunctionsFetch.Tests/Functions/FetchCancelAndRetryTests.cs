using System.Net;
using FunctionsFetch.Configuration;
using FunctionsFetch.Fetching;
using FunctionsFetch.Functions;
using FunctionsFetch.Jobs;
using FunctionsFetch.Storage;
using FunctionsFetch.Testing;
using Microsoft.DurableTask.Client;
using Moq;
using FunctionsFetch.Serialization;

namespace FunctionsFetch.Tests.Functions;

public sealed class FetchCancelAndRetryTests
{
    [Fact]
    public async Task CancelFetch_RunningJob_TerminatesItAndAnswers202()
    {
        // Arrange
        var harness = new FunctionsHarness();
        JobIs(harness, "job-1", OrchestrationRuntimeStatus.Running);

        // Act
        var response = await CancelAsync(harness, "job-1");

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        harness.Client.Verify(c => c.TerminateInstanceAsync("job-1", It.IsAny<object?>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task CancelFetch_RunningJob_MarksItCanceledSoItsBatchesStopEverywhere()
    {
        // Arrange
        var harness = new FunctionsHarness();
        JobIs(harness, "job-1", OrchestrationRuntimeStatus.Running);

        // Act
        await CancelAsync(harness, "job-1");

        // Assert
        Assert.True(await harness.Store.IsCancelMarkedAsync("job-1", CancellationToken.None));
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Completed)]
    [InlineData(OrchestrationRuntimeStatus.Terminated)]
    public async Task CancelFetch_EndedJob_Answers409AndTerminatesNothing(OrchestrationRuntimeStatus status)
    {
        // Arrange
        var harness = new FunctionsHarness();
        JobIs(harness, "job-1", status);

        // Act
        var response = await CancelAsync(harness, "job-1");

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        harness.Client.Verify(c => c.TerminateInstanceAsync(It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task CancelFetch_UnknownJob_Answers404()
    {
        // Act
        var response = await CancelAsync(new FunctionsHarness(), "nope");

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task RetryFailed_EndedJobWithFailures_StartsAJobOfTheFailedUrlsWithTheirIndexes()
    {
        // Arrange
        var harness = new FunctionsHarness();
        var settings = new JobSettings { BatchSize = 7 };
        await harness.Store.WriteManifestAsync("job-1", new JobManifest("h", 4, settings), CancellationToken.None);
        await harness.Store.WriteBatchAsync("job-1", 0, 0,
        [
            new(0, "https://e.test/0", "https://e.test/0", 200, 1, 1, "x", null, 1, null),
            new(1, "https://e.test/1", "https://e.test/1", 500, 1, 1, "x", null, 3, null),
            new(2, "https://e.test/2", "https://e.test/2", 200, 1, 1, "x", null, 1, null),
            UrlResult.NotFetched(3, "https://e.test/3", FetchErrorKind.Timeout, "slow"),
        ], CancellationToken.None);
        JobIs(harness, "job-1", OrchestrationRuntimeStatus.Completed);

        // Act
        var response = await RetryAsync(harness, "job-1");

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal([new JobUrl(1, "https://e.test/1"), new JobUrl(3, "https://e.test/3")], await harness.ScheduledUrlsAsync());
        Assert.Equal(settings, harness.ScheduledInput!.Settings);
        var manifest = await harness.Store.ReadManifestAsync(harness.ScheduledInstanceId!, CancellationToken.None);
        Assert.Equal("job-1", manifest!.RetryOf);
        Assert.Equal(4, manifest.BaseTotal);
        Assert.Equal(2, manifest.BaseFailed);
        using var json = response.ReadJson();
        Assert.Equal(harness.ScheduledInstanceId, json.RootElement.GetProperty("id").GetString());
        Assert.Equal([harness.ScheduledInstanceId!], await harness.Store.ListDependentsAsync("job-1", CancellationToken.None));
    }

    [Fact]
    public async Task RetryFailed_RunningJob_Answers409AndStartsNothing()
    {
        // Arrange
        var harness = new FunctionsHarness();
        await harness.Store.WriteManifestAsync("job-1", new JobManifest("h", 1, new JobSettings()), CancellationToken.None);
        JobIs(harness, "job-1", OrchestrationRuntimeStatus.Running);

        // Act
        var response = await RetryAsync(harness, "job-1");

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        harness.VerifyNothingScheduled();
    }

    [Fact]
    public async Task RetryFailed_NothingFailed_Answers409AndStartsNothing()
    {
        // Arrange
        var harness = new FunctionsHarness();
        await harness.Store.WriteManifestAsync("job-1", new JobManifest("h", 1, new JobSettings()), CancellationToken.None);
        await harness.Store.WriteBatchAsync("job-1", 0, 0, [new(0, "https://e.test/0", "https://e.test/0", 200, 1, 1, "x", null, 1, null)], CancellationToken.None);
        JobIs(harness, "job-1", OrchestrationRuntimeStatus.Completed);

        // Act
        var response = await RetryAsync(harness, "job-1");

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        harness.VerifyNothingScheduled();
    }

    [Fact]
    public async Task RetryFailed_UnknownJob_Answers404()
    {
        // Act
        var response = await RetryAsync(new FunctionsHarness(), "nope");

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static void JobIs(FunctionsHarness harness, string id, OrchestrationRuntimeStatus status) =>
        harness.Client
            .Setup(c => c.GetInstanceAsync(id, It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OrchestrationMetadata(FetchJobNames.Orchestrator, id) { RuntimeStatus = status, DataConverter = FetchJson.DataConverter });

    private static async Task<ExecutedResult> CancelAsync(FunctionsHarness harness, string id) =>
        await FunctionsHarness.ExecuteAsync(await new FetchCancel(harness.Cancel).CancelFetch(harness.Request("DELETE", $"/api/fetch/{id}"), harness.Client.Object, id, harness.Context.Object));

    private static async Task<ExecutedResult> RetryAsync(FunctionsHarness harness, string id) =>
        await FunctionsHarness.ExecuteAsync(await new FetchRetryFailed(harness.RetryFailed).RetryFailedFetches(harness.Request("POST", $"/api/fetch/{id}/retry-failed"), harness.Client.Object, id, harness.Context.Object));
}
