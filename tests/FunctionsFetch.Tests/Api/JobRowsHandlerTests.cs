using System.Net;
using FunctionsFetch.Api;
using FunctionsFetch.Fetching;
using FunctionsFetch.Jobs;
using FunctionsFetch.Testing;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Tests.Api;

/// <summary><c>GET /api/fetch/{id}/rows</c>: a filtered page of the stored results, in input order, and how many match.</summary>
public sealed class JobRowsHandlerTests
{
    [Fact]
    public async Task HandleAsync_FailedOnly_ReturnsExactlyTheFailedRowsInInputOrder()
    {
        // Arrange
        var harness = await JobAsync();

        // Act
        var response = await harness.RowsAsync("job-1", Query(outcome: "failed"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (indexes, matched) = Read(response);
        Assert.Equal([1, 3, 4], indexes);
        Assert.Equal(3, matched);
    }

    [Theory]
    [InlineData("200", "299", null, null, new[] { 0, 2, 5 })]
    [InlineData("500", null, null, null, new[] { 3 })]
    [InlineData(null, null, "timeout", null, new[] { 4 })]
    [InlineData(null, null, "none", null, new[] { 0, 1, 2, 3, 5 })]
    [InlineData(null, null, null, "SLOW", new[] { 4, 5 })]
    [InlineData("200", null, null, "slow", new[] { 5 })]
    public async Task HandleAsync_Filters_ReturnOnlyRowsMatchingThemAll(string? statusMin, string? statusMax, string? errorKind, string? text, int[] expected)
    {
        // Arrange
        var harness = await JobAsync();

        // Act
        var response = await harness.RowsAsync("job-1", Query(statusMin: statusMin, statusMax: statusMax, errorKind: errorKind, text: text));

        // Assert
        Assert.Equal(expected, Read(response).Indexes);
    }

    [Fact]
    public async Task HandleAsync_OffsetAndLimit_ReturnThatPageAndTheCountOfAllMatches()
    {
        // Arrange
        var harness = await JobAsync();

        // Act
        var response = await harness.RowsAsync("job-1", Query(offset: "2", limit: "3"));

        // Assert
        var (indexes, matched) = Read(response);
        Assert.Equal([2, 3, 4], indexes);
        Assert.Equal(6, matched);
    }

    [Theory]
    [InlineData("-1", null, null, null, null, "offset must be a whole number")]
    [InlineData(null, "501", null, null, null, "limit must be a whole number from 1 to 500 (was '501').")]
    [InlineData(null, null, "99", null, null, "statusMin must be a status code from 100 to 599 (was '99').")]
    [InlineData(null, null, "500", "400", null, "statusMin (500) is above statusMax (400).")]
    [InlineData(null, null, null, null, "slow", "errorKind must be none or one of invalidUrl, blocked")]
    public async Task HandleAsync_BadQuery_Answers400Saying(string? offset, string? limit, string? statusMin, string? statusMax, string? errorKind, string expectedDetail)
    {
        // Arrange
        var harness = await JobAsync();

        // Act
        var response = await harness.RowsAsync("job-1", Query(offset, limit, statusMin, statusMax, errorKind));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = response.ReadJson();
        Assert.StartsWith(expectedDetail, json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_UnknownOutcome_Answers400()
    {
        // Arrange
        var harness = await JobAsync();

        // Act
        var response = await harness.RowsAsync("job-1", Query(outcome: "some"));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task HandleAsync_UnknownJob_Answers404()
    {
        // Arrange
        var harness = new ApiHarness();

        // Act
        var response = await harness.RowsAsync("nope", Query());

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static JobRowsHandler.Query Query(
        string? offset = null, string? limit = null, string? statusMin = null, string? statusMax = null, string? errorKind = null, string? outcome = null, string? text = null) =>
        new(offset, limit, statusMin, statusMax, errorKind, outcome, text);

    /// <summary>Six results over two batches: 200, 404, 204, 503, a timeout, and a 200 from a slow URL.</summary>
    private static async Task<ApiHarness> JobAsync()
    {
        var harness = new ApiHarness();
        await harness.Store.WriteBatchAsync("job-1", 0, 0, [Answer(0, "https://e.test/a", 200), Answer(1, "https://e.test/b", 404), Answer(2, "https://e.test/c", 204)], CancellationToken.None);
        await harness.Store.WriteBatchAsync(
            "job-1",
            1,
            0,
            [Answer(3, "https://e.test/d", 503), UrlResult.NotFetched(4, "https://e.test/slow/e", FetchErrorKind.Timeout, "slow"), Answer(5, "https://e.test/slow/f", 200)],
            CancellationToken.None);
        harness.JobHas("job-1", OrchestrationRuntimeStatus.Completed, new JobCounts(6, 3, 3), DateTimeOffset.UnixEpoch);
        return harness;
    }

    private static UrlResult Answer(int index, string url, int status) => new(index, url, url, status, 10, 1, "x", null, 1, null);

    private static (int[] Indexes, int Matched) Read(ExecutedResult response)
    {
        using var json = response.ReadJson();
        return (json.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("index").GetInt32()).ToArray(),
            json.RootElement.GetProperty("matched").GetInt32());
    }
}
