using System.Net;
using FunctionsFetch.Configuration;
using FunctionsFetch.Jobs;
using FunctionsFetch.Serialization;
using FunctionsFetch.Storage;
using FunctionsFetch.Testing;
using Microsoft.DurableTask.Client;
using Moq;

namespace FunctionsFetch.Tests.Api;

/// <summary><c>callback</c> in a job's status: in the 202 body and the 200 JSON document of a job with a callback, absent otherwise.</summary>
public sealed class JobStatusHandlerCallbackTests
{
    [Fact]
    public async Task HandleAsync_RunningJobWithACallbackNotYetTried_ShowsItUntried()
    {
        // Arrange
        var harness = await JobAsync(OrchestrationRuntimeStatus.Running, hasCallback: true);

        // Act
        var response = await harness.StatusAsync("job-1");

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var json = response.ReadJson();
        Assert.Equal(["id", "runtimeStatus", "total", "completed", "failed", "throttledHosts", "concurrency", "callback"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("""{"delivered":false,"statusCode":null,"attempts":0}""", json.RootElement.GetProperty("callback").GetRawText());
    }

    [Fact]
    public async Task HandleAsync_EndedJobWithACallbackTried_ShowsTheOutcomeAfterTheResults()
    {
        // Arrange
        var harness = await JobAsync(OrchestrationRuntimeStatus.Completed, hasCallback: true);
        await harness.Store.WriteCallbackOutcomeAsync("job-1", new CallbackOutcome(true, 202, 2), CancellationToken.None);

        // Act
        var response = await harness.StatusAsync("job-1");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = response.ReadJson();
        Assert.Equal(["id", "runtimeStatus", "total", "succeeded", "failed", "results", "callback"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("""{"delivered":true,"statusCode":202,"attempts":2}""", json.RootElement.GetProperty("callback").GetRawText());
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Running)]
    [InlineData(OrchestrationRuntimeStatus.Completed)]
    public async Task HandleAsync_JobWithoutACallback_ShowsNone(OrchestrationRuntimeStatus status)
    {
        // Arrange
        var harness = await JobAsync(status, hasCallback: false);

        // Act
        var response = await harness.StatusAsync("job-1");

        // Assert
        using var json = response.ReadJson();
        Assert.False(json.RootElement.TryGetProperty("callback", out _));
    }

    private static async Task<ApiHarness> JobAsync(OrchestrationRuntimeStatus status, bool hasCallback)
    {
        var harness = new ApiHarness();
        await harness.Store.WriteManifestAsync("job-1", new JobManifest("h", 2, new JobSettings(), HasCallback: hasCallback), CancellationToken.None);
        harness.Client
            .Setup(c => c.GetInstanceAsync("job-1", It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OrchestrationMetadata(FetchJobNames.Orchestrator, "job-1")
            {
                RuntimeStatus = status,
                SerializedCustomStatus = FetchJson.DataConverter.Serialize(new JobCounts(2, 0, 0)),
                DataConverter = FetchJson.DataConverter,
            });
        return harness;
    }
}
