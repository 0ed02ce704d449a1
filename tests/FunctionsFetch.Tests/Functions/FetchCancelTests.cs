using System.Net;
using FunctionsFetch.Functions;
using FunctionsFetch.Testing;
using Microsoft.DurableTask.Client;
using Moq;

namespace FunctionsFetch.Tests.Functions;

/// <summary>CancelFetch's binding and answer: the route id reaches the handler.</summary>
public sealed class FetchCancelTests
{
    [Fact]
    public async Task CancelFetch_RouteId_PassesItToTheHandler()
    {
        // Arrange
        var harness = new FunctionsHarness();
        harness.JobIs("job-1", OrchestrationRuntimeStatus.Running);

        // Act
        var response = await CancelAsync(harness, "job-1");

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        harness.Client.Verify(c => c.TerminateInstanceAsync("job-1", It.IsAny<object?>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task CancelFetch_UnknownJob_AnswersTheHandlersProblemUnchanged()
    {
        // Arrange
        var expected = await new ApiHarness().CancelAsync("nope");
        var harness = new FunctionsHarness();

        // Act
        var response = await CancelAsync(harness, "nope");

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        TriggerAssert.SameAnswer(expected, response);
    }

    private static async Task<ExecutedResult> CancelAsync(FunctionsHarness harness, string id) =>
        await FunctionsHarness.ExecuteAsync(await new FetchCancel(harness.Cancel).CancelFetch(harness.Request("DELETE", $"/api/fetch/{id}"), harness.Client.Object, id, harness.Context.Object));
}
