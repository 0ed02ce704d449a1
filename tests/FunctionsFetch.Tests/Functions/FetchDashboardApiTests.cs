using System.Net;
using FunctionsFetch.Api;
using FunctionsFetch.Functions;
using FunctionsFetch.Jobs;
using FunctionsFetch.Testing;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Tests.Functions;

/// <summary>The list, summary and rows triggers: their query values and route ids reach the handlers, and the answers pass unchanged.</summary>
public sealed class FetchDashboardApiTests
{
    [Fact]
    public async Task ListFetchJobs_TopQuery_AnswersTheHandlersPage()
    {
        // Arrange
        var harness = new FunctionsHarness();
        await harness.Store.WriteIndexEntryAsync("a", DateTimeOffset.UnixEpoch, CancellationToken.None);
        await harness.Store.WriteIndexEntryAsync("b", DateTimeOffset.UnixEpoch.AddDays(1), CancellationToken.None);
        harness.JobHas("a", OrchestrationRuntimeStatus.Completed, new JobCounts(1, 1, 0), DateTimeOffset.UnixEpoch);
        harness.JobHas("b", OrchestrationRuntimeStatus.Completed, new JobCounts(1, 1, 0), DateTimeOffset.UnixEpoch.AddDays(1));

        // Act
        var response = await FunctionsHarness.ExecuteAsync(await new FetchList(harness.List).ListFetchJobs(
            harness.Request("GET", "/api/fetch?top=1"), harness.Client.Object, harness.Context.Object));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = response.ReadJson();
        Assert.Equal("b", Assert.Single(json.RootElement.EnumerateArray()).GetProperty("id").GetString());
        Assert.NotNull(response.Header(JobListHandler.ContinuationHeader));
    }

    [Fact]
    public async Task GetFetchSummary_UnknownJob_AnswersTheHandlersProblemUnchanged()
    {
        // Arrange
        var expected = await new ApiHarness().SummaryAsync("nope");
        var harness = new FunctionsHarness();

        // Act
        var response = await FunctionsHarness.ExecuteAsync(await new FetchSummary(harness.Summary).GetFetchSummary(
            harness.Request("GET", "/api/fetch/nope/summary"), harness.Client.Object, "nope", harness.Context.Object));

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        TriggerAssert.SameAnswer(expected, response);
    }

    [Fact]
    public async Task GetFetchRows_QueryValues_ReachTheHandler()
    {
        // Arrange
        var harness = new FunctionsHarness();
        harness.JobHas("job-1", OrchestrationRuntimeStatus.Completed, new JobCounts(0, 0, 0), DateTimeOffset.UnixEpoch);

        // Act
        var response = await FunctionsHarness.ExecuteAsync(await new FetchRows(harness.Rows).GetFetchRows(
            harness.Request("GET", "/api/fetch/job-1/rows?limit=501"), harness.Client.Object, "job-1", harness.Context.Object));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = response.ReadJson();
        Assert.Equal("limit must be a whole number from 1 to 500 (was '501').", json.RootElement.GetProperty("detail").GetString());
    }
}
