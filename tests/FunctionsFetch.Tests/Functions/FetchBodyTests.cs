using System.Net;
using FunctionsFetch.Configuration;
using FunctionsFetch.Fetching;
using FunctionsFetch.Functions;
using FunctionsFetch.Storage;
using FunctionsFetch.Testing;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Tests.Functions;

/// <summary>GetFetchBody's binding and answer: the route's id and index reach the handler.</summary>
public sealed class FetchBodyTests
{
    [Fact]
    public async Task GetFetchBody_RouteIdAndIndex_PassesThemToTheHandler()
    {
        // Arrange
        var harness = new FunctionsHarness();
        var settings = new JobSettings { SaveBodies = true };
        await harness.Store.WriteManifestAsync("job-1", new JobManifest("h", 2, settings), CancellationToken.None);
        var first = await harness.Store.WriteBodyAsync("job-1", 0, new MemoryStream("first"u8.ToArray()), "text/plain", CancellationToken.None);
        var second = await harness.Store.WriteBodyAsync("job-1", 1, new MemoryStream("second"u8.ToArray()), "text/html", CancellationToken.None);
        await harness.Store.WriteBatchAsync("job-1", 0, 0, [Result(0, first), Result(1, second)], CancellationToken.None);
        harness.JobIs("job-1", OrchestrationRuntimeStatus.Completed);

        // Act
        var response = await GetAsync(harness, "job-1", "1");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Header("Content-Type"));
        Assert.Equal("second", response.Text);
    }

    [Fact]
    public async Task GetFetchBody_BadIndex_AnswersTheHandlersProblemUnchanged()
    {
        // Arrange
        var expected = await new ApiHarness().BodyAsync("nope", "abc");
        var harness = new FunctionsHarness();

        // Act
        var response = await GetAsync(harness, "nope", "abc");

        // Assert
        TriggerAssert.SameAnswer(expected, response);
    }

    private static UrlResult Result(int index, string bodyBlob) =>
        new(index, $"https://e.test/{index}", $"https://e.test/{index}", 200, 1, 1, "hash", "text/plain", 1, Error: null, bodyBlob);

    private static async Task<ExecutedResult> GetAsync(FunctionsHarness harness, string id, string index) =>
        await FunctionsHarness.ExecuteAsync(await new FetchBody(harness.Body).GetFetchBody(harness.Request("GET", $"/api/fetch/{id}/results/{index}/body"), harness.Client.Object, id, index, harness.Context.Object));
}
