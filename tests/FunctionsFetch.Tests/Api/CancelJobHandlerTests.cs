using System.Net;
using FunctionsFetch.Testing;
using Microsoft.DurableTask.Client;
using Moq;

namespace FunctionsFetch.Tests.Api;

public sealed class CancelJobHandlerTests
{
    [Fact]
    public async Task HandleAsync_RunningJob_TerminatesItAndAnswers202()
    {
        // Arrange
        var harness = new ApiHarness();
        harness.JobIs("job-1", OrchestrationRuntimeStatus.Running);

        // Act
        var response = await harness.CancelAsync("job-1");

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        harness.Client.Verify(c => c.TerminateInstanceAsync("job-1", It.IsAny<object?>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task HandleAsync_RunningJob_MarksItCanceledSoItsBatchesStopEverywhere()
    {
        // Arrange
        var harness = new ApiHarness();
        harness.JobIs("job-1", OrchestrationRuntimeStatus.Running);

        // Act
        await harness.CancelAsync("job-1");

        // Assert
        Assert.True(await harness.Store.IsCancelMarkedAsync("job-1", CancellationToken.None));
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Completed)]
    [InlineData(OrchestrationRuntimeStatus.Terminated)]
    public async Task HandleAsync_EndedJob_Answers409AndTerminatesNothing(OrchestrationRuntimeStatus status)
    {
        // Arrange
        var harness = new ApiHarness();
        harness.JobIs("job-1", status);

        // Act
        var response = await harness.CancelAsync("job-1");

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        harness.Client.Verify(c => c.TerminateInstanceAsync(It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task HandleAsync_UnknownJob_Answers404()
    {
        // Act
        var response = await new ApiHarness().CancelAsync("nope");

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
