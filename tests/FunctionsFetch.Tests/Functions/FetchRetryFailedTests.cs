using System.Net;
using FunctionsFetch.Configuration;
using FunctionsFetch.Fetching;
using FunctionsFetch.Functions;
using FunctionsFetch.Storage;
using FunctionsFetch.Testing;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Tests.Functions;

/// <summary>RetryFailedFetches's binding and answer: the route id reaches the handler, a start answers the Durable 202.</summary>
public sealed class FetchRetryFailedTests
{
    [Fact]
    public async Task RetryFailedFetches_EndedJobWithFailures_Answers202WithTheCheckStatusPayloadOfTheNewJob()
    {
        // Arrange
        var harness = new FunctionsHarness();
        await harness.Store.WriteManifestAsync("job-1", new JobManifest("h", 1, new JobSettings()), CancellationToken.None);
        await harness.Store.WriteBatchAsync("job-1", 0, 0, [UrlResult.NotFetched(0, "https://e.test/0", FetchErrorKind.Timeout, "slow")], CancellationToken.None);
        harness.JobIs("job-1", OrchestrationRuntimeStatus.Completed);

        // Act
        var response = await RetryAsync(harness, "job-1");

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var json = response.ReadJson();
        var id = json.RootElement.GetProperty("id").GetString();
        Assert.Equal(harness.ScheduledInstanceId, id);
        Assert.Equal("job-1", (await harness.Store.ReadManifestAsync(id!, CancellationToken.None))!.RetryOf);
        var statusUri = json.RootElement.GetProperty("statusQueryGetUri").GetString();
        Assert.Equal($"http://localhost:7071/runtime/webhooks/durabletask/instances/{id}", statusUri);
        Assert.Equal(statusUri, response.Header("Location"));
    }

    [Fact]
    public async Task RetryFailedFetches_UnknownJob_AnswersTheHandlersProblemUnchanged()
    {
        // Arrange
        var expected = await new ApiHarness().RetryFailedAsync("nope");
        var harness = new FunctionsHarness();

        // Act
        var response = await RetryAsync(harness, "nope");

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        TriggerAssert.SameAnswer(expected, response);
    }

    private static async Task<ExecutedResult> RetryAsync(FunctionsHarness harness, string id) =>
        await FunctionsHarness.ExecuteAsync(await new FetchRetryFailed(harness.RetryFailed).RetryFailedFetches(harness.Request("POST", $"/api/fetch/{id}/retry-failed"), harness.Client.Object, id, harness.Context.Object));
}
