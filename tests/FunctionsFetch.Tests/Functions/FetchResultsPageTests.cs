using System.Net;
using FunctionsFetch.Api;
using FunctionsFetch.Fetching;
using FunctionsFetch.Functions;
using FunctionsFetch.Testing;
using Microsoft.DurableTask.Client;
using FunctionsFetch.Tests.TestSupport;

namespace FunctionsFetch.Tests.Functions;

/// <summary>GetFetchResultsPage's binding and answer: the route's id and the query's format, after and limit reach the handler.</summary>
public sealed class FetchResultsPageTests
{
    [Fact]
    public async Task GetFetchResultsPage_QueryValues_PassesThemToTheHandler()
    {
        // Arrange
        var harness = new FunctionsHarness();
        await harness.Store.WriteBatchAsync("job-1", 0, 0, StoredRows.OkAll(0, 1), CancellationToken.None);
        harness.JobIs("job-1", OrchestrationRuntimeStatus.Running);
        var first = await GetAsync(harness, "job-1", "?limit=1");

        // Act
        var response = await GetAsync(harness, "job-1", $"?format=json&after={first.Header(JobResultsPageHandler.CursorHeader)}");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = response.ReadJson();
        Assert.Equal([1], json.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("index").GetInt32()));
        Assert.Equal("false", response.Header(JobResultsPageHandler.CompleteHeader));
    }

    [Fact]
    public async Task GetFetchResultsPage_BadLimit_AnswersTheHandlersProblemUnchanged()
    {
        // Arrange
        var harness = new FunctionsHarness();
        harness.JobIs("job-1", OrchestrationRuntimeStatus.Running);
        var expected = await harness.ResultsPageAsync("job-1", limit: "0");

        // Act
        var response = await GetAsync(harness, "job-1", "?limit=0");

        // Assert
        TriggerAssert.SameAnswer(expected, response);
    }

    private static async Task<ExecutedResult> GetAsync(FunctionsHarness harness, string id, string query) =>
        await FunctionsHarness.ExecuteAsync(await new FetchResultsPage(harness.ResultsPage).GetFetchResultsPage(
            harness.Request("GET", $"/api/fetch/{id}/results{query}"), harness.Client.Object, id, harness.Context.Object));
}
