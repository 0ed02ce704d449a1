using System.Net;
using FunctionsFetch.Configuration;
using FunctionsFetch.Functions;
using FunctionsFetch.Storage;
using FunctionsFetch.Testing;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Tests.Functions;

/// <summary>GetFetchStatus's binding and answer: the route id, format query and Accept header reach the handler.</summary>
public sealed class FetchStatusTests
{
    [Fact]
    public async Task GetFetchStatus_RouteId_PassesItToTheHandler()
    {
        // Arrange
        var harness = new FunctionsHarness();
        harness.JobIs("job-1", OrchestrationRuntimeStatus.Running);

        // Act
        var response = await GetAsync(harness, "/api/fetch/job-1", "job-1");

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var json = response.ReadJson();
        Assert.Equal("job-1", json.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task GetFetchStatus_FormatQuery_PassesItToTheHandler()
    {
        // Arrange
        var harness = await CompletedJobAsync();

        // Act
        var response = await GetAsync(harness, "/api/fetch/job-1?format=csv", "job-1");

        // Assert
        Assert.StartsWith("text/csv", response.Header("Content-Type"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetFetchStatus_AcceptHeader_PassesItToTheHandler()
    {
        // Arrange
        var harness = await CompletedJobAsync();

        // Act
        var response = await GetAsync(harness, "/api/fetch/job-1", "job-1", accept: "application/x-ndjson");

        // Assert
        Assert.StartsWith("application/x-ndjson", response.Header("Content-Type"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetFetchStatus_UnknownId_AnswersTheHandlersProblemUnchanged()
    {
        // Arrange
        var expected = await new ApiHarness().StatusAsync("nope");
        var harness = new FunctionsHarness();

        // Act
        var response = await GetAsync(harness, "/api/fetch/nope", "nope");

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        TriggerAssert.SameAnswer(expected, response);
    }

    /// <summary>A completed job with one stored result: enough for each format to answer 200.</summary>
    private static async Task<FunctionsHarness> CompletedJobAsync()
    {
        var harness = new FunctionsHarness();
        await harness.Store.WriteManifestAsync("job-1", new JobManifest("h", 1, new JobSettings()), CancellationToken.None);
        await harness.Store.WriteBatchAsync("job-1", 0, 0, [new(0, "https://e.test/a", "https://e.test/a", 200, 4, 12, "abc", "text/plain", 1, null)], CancellationToken.None);
        harness.JobIs("job-1", OrchestrationRuntimeStatus.Completed);
        return harness;
    }

    private static async Task<ExecutedResult> GetAsync(FunctionsHarness harness, string path, string id, string? accept = null) =>
        await FunctionsHarness.ExecuteAsync(await new FetchStatus(harness.Status).GetFetchStatus(harness.Request("GET", path, accept: accept), harness.Client.Object, id, harness.Context.Object));
}
