using System.Net;
using System.Text.Json;
using FunctionsFetch.Api;
using FunctionsFetch.Fetching;
using FunctionsFetch.Storage;
using FunctionsFetch.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Time.Testing;
using FunctionsFetch.Tests.TestSupport;

namespace FunctionsFetch.Tests.Api;

public sealed class JobResultsPageHandlerTests
{
    [Fact]
    public async Task HandleAsync_NoFormat_AnswersNdjsonInFinishOrderWithCursorAndCompleteHeaders()
    {
        // Arrange
        var harness = await RunningJobAsync(OrchestrationRuntimeStatus.Running);

        // Act
        var response = await harness.ResultsPageAsync("job-1");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("application/x-ndjson", response.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal([2, 3, 0, 1], NdjsonIndexes(response));
        Assert.Equal("false", response.Header(JobResultsPageHandler.CompleteHeader));
        Assert.True(ResultsCursor.TryDecode(response.Header(JobResultsPageHandler.CursorHeader)!, out _));
    }

    [Fact]
    public async Task HandleAsync_CursorOfTheLastPage_AnswersOnlyWhatWasStoredSince()
    {
        // Arrange
        var harness = await RunningJobAsync(OrchestrationRuntimeStatus.Running);
        var first = await harness.ResultsPageAsync("job-1", limit: "3");
        await harness.Store.WriteBatchAsync("job-1", 2, 0, [StoredRows.Ok(4)], CancellationToken.None);

        // Act
        var second = await harness.ResultsPageAsync("job-1", after: first.Header(JobResultsPageHandler.CursorHeader));

        // Assert
        Assert.Equal([2, 3, 0], NdjsonIndexes(first));
        Assert.Equal([1, 4], NdjsonIndexes(second));
    }

    [Fact]
    public async Task HandleAsync_Json_AnswersResultsCursorAndComplete()
    {
        // Arrange
        var harness = await RunningJobAsync(OrchestrationRuntimeStatus.Completed);

        // Act
        var response = await harness.ResultsPageAsync("job-1", format: "json", limit: "10");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = response.ReadJson();
        var root = json.RootElement;
        Assert.Equal([2, 3, 0, 1], root.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("index").GetInt32()));
        Assert.Equal(response.Header(JobResultsPageHandler.CursorHeader), root.GetProperty("cursor").GetString());
        Assert.True(root.GetProperty("complete").GetBoolean());
        Assert.Equal("true", response.Header(JobResultsPageHandler.CompleteHeader));
    }

    [Fact]
    public async Task HandleAsync_Csv_AnswersHeaderAndOneRowPerResult()
    {
        // Arrange
        var harness = await RunningJobAsync(OrchestrationRuntimeStatus.Completed);

        // Act
        var response = await harness.ResultsPageAsync("job-1", format: "csv");

        // Assert
        Assert.StartsWith("text/csv", response.Header("Content-Type"), StringComparison.Ordinal);
        var rows = response.Text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ResultStreamWriters.CsvHeader, rows[0]);
        Assert.Equal(5, rows.Length);
        Assert.StartsWith("2,", rows[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_EndedJobWithRowsLeftAfterTheCursor_IsNotComplete()
    {
        // Arrange
        var harness = await RunningJobAsync(OrchestrationRuntimeStatus.Completed);

        // Act
        var first = await harness.ResultsPageAsync("job-1", limit: "2");
        var rest = await harness.ResultsPageAsync("job-1", after: first.Header(JobResultsPageHandler.CursorHeader));

        // Assert
        Assert.Equal("false", first.Header(JobResultsPageHandler.CompleteHeader));
        Assert.Equal("true", rest.Header(JobResultsPageHandler.CompleteHeader));
    }

    [Fact]
    public async Task HandleAsync_RunningJobWithNothingLeft_IsNotComplete()
    {
        // Arrange
        var harness = await RunningJobAsync(OrchestrationRuntimeStatus.Running);

        // Act
        var response = await harness.ResultsPageAsync("job-1", limit: "100");

        // Assert
        Assert.Equal("false", response.Header(JobResultsPageHandler.CompleteHeader));
    }

    [Fact]
    public async Task HandleAsync_JustTerminated_IsNotCompleteUntilItsBatchesHadTimeToStore()
    {
        // Arrange
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var harness = new ApiHarness(time: time);
        await harness.Store.WriteBatchAsync("job-1", 0, 0, [StoredRows.Ok(0)], CancellationToken.None);
        harness.JobIs("job-1", OrchestrationRuntimeStatus.Terminated, time.GetUtcNow());

        // Act
        var early = await harness.ResultsPageAsync("job-1");
        time.Advance(JobResultsPageHandler.TerminatedSettle);
        var later = await harness.ResultsPageAsync("job-1");

        // Assert
        Assert.Equal("false", early.Header(JobResultsPageHandler.CompleteHeader));
        Assert.Equal("true", later.Header(JobResultsPageHandler.CompleteHeader));
    }

    [Fact]
    public async Task HandleAsync_UnknownJob_Answers404Problem()
    {
        // Arrange
        var harness = new ApiHarness();

        // Act
        var response = await harness.ResultsPageAsync("nope");

        // Assert
        AssertProblem(response, HttpStatusCode.NotFound, "No job with id 'nope'");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("10001")]
    [InlineData("-1")]
    [InlineData("ten")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    public async Task HandleAsync_LimitOutOfRange_Answers400NamingIt(string limit)
    {
        // Arrange
        var harness = await RunningJobAsync(OrchestrationRuntimeStatus.Running);

        // Act
        var response = await harness.ResultsPageAsync("job-1", limit: limit);

        // Assert
        AssertProblem(response, HttpStatusCode.BadRequest, $"limit must be a whole number from 1 to 10000 (was '{limit}')");
    }

    [Fact]
    public async Task HandleAsync_LimitAtTheMost_IsTaken()
    {
        // Arrange
        var harness = await RunningJobAsync(OrchestrationRuntimeStatus.Running);

        // Act
        var response = await harness.ResultsPageAsync("job-1", limit: "10000");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("garbage!")]
    [InlineData("MS4x")]
    [InlineData("eyJ4IjoxfQ")]
    public async Task HandleAsync_MalformedCursor_Answers400(string after)
    {
        // Arrange
        var harness = await RunningJobAsync(OrchestrationRuntimeStatus.Running);

        // Act
        var response = await harness.ResultsPageAsync("job-1", after: after);

        // Assert
        AssertProblem(response, HttpStatusCode.BadRequest, $"after must be a cursor an earlier page of this job's results gave (was '{after}')");
    }

    [Fact]
    public async Task HandleAsync_CursorBeyondTheJobsResults_Answers400()
    {
        // Arrange
        var harness = await RunningJobAsync(OrchestrationRuntimeStatus.Running);
        var after = new ResultsCursor(9, 0).Encode();

        // Act
        var response = await harness.ResultsPageAsync("job-1", after: after);

        // Assert
        AssertProblem(response, HttpStatusCode.BadRequest, "after must be a cursor");
    }

    [Fact]
    public async Task HandleAsync_UnknownFormat_Answers400()
    {
        // Arrange
        var harness = await RunningJobAsync(OrchestrationRuntimeStatus.Running);

        // Act
        var response = await harness.ResultsPageAsync("job-1", format: "xml");

        // Assert
        AssertProblem(response, HttpStatusCode.BadRequest, "xml");
    }

    /// <summary>Batch 1 (indexes 2, 3) stored before batch 0 (0, 1).</summary>
    private static async Task<ApiHarness> RunningJobAsync(OrchestrationRuntimeStatus status)
    {
        var harness = new ApiHarness();
        await harness.Store.WriteBatchAsync("job-1", 1, 0, StoredRows.OkAll(2, 3), CancellationToken.None);
        await harness.Store.WriteBatchAsync("job-1", 0, 0, StoredRows.OkAll(0, 1), CancellationToken.None);
        harness.JobIs("job-1", status);
        return harness;
    }

    private static int[] NdjsonIndexes(ExecutedResult response) =>
        response.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("index").GetInt32())
            .ToArray();

    private static void AssertProblem(ExecutedResult response, HttpStatusCode status, string detail)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.Header("Content-Type"), StringComparison.Ordinal);
        using var json = response.ReadJson();
        Assert.Contains(detail, json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
