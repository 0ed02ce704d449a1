using System.Net;
using FunctionsFetch.Configuration;
using FunctionsFetch.Functions;
using FunctionsFetch.Jobs;
using FunctionsFetch.Testing;
using Moq;

namespace FunctionsFetch.Tests.Functions;

/// <summary>SetFetchConcurrency's binding and answer: the route id and the body reach the handler.</summary>
public sealed class FetchConcurrencyTests
{
    [Fact]
    public async Task SetFetchConcurrency_RouteIdAndBody_RaiseTheRetuneOnThatJob()
    {
        // Arrange
        var harness = new FunctionsHarness();
        harness.JobRunsWith("job-1", new FetchJobInput(100, JobPlanner.Plan(new JobSettings(), 100, ActivitySlots.Default)));

        // Act
        var response = await SetAsync(harness, "job-1", "{\"concurrency\": 20}");

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        harness.Client.Verify(
            c => c.RaiseEventAsync("job-1", FetchJobNames.ConcurrencyEvent, It.Is<ConcurrencyChange>(change => change.Concurrency == 20), It.IsAny<CancellationToken>()),
            Times.Once);
    }

    [Fact]
    public async Task SetFetchConcurrency_UnknownJob_AnswersTheHandlersProblemUnchanged()
    {
        // Arrange
        var expected = await new ApiHarness().SetConcurrencyAsync("nope", "{\"concurrency\": 20}");
        var harness = new FunctionsHarness();

        // Act
        var response = await SetAsync(harness, "nope", "{\"concurrency\": 20}");

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        TriggerAssert.SameAnswer(expected, response);
    }

    private static async Task<ExecutedResult> SetAsync(FunctionsHarness harness, string id, string body) =>
        await FunctionsHarness.ExecuteAsync(await new FetchConcurrency(harness.Concurrency).SetFetchConcurrency(
            harness.Request("POST", $"/api/fetch/{id}/concurrency", body, "application/json"), harness.Client.Object, id, harness.Context.Object));
}
