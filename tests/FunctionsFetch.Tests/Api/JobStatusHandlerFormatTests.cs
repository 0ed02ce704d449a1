using System.Net;
using System.Text;
using System.Text.Json;
using FunctionsFetch.Api;
using FunctionsFetch.Configuration;
using FunctionsFetch.Fetching;
using FunctionsFetch.Jobs;
using FunctionsFetch.Storage;
using FunctionsFetch.Testing;
using Microsoft.DurableTask.Client;
using Moq;
using FunctionsFetch.Serialization;

namespace FunctionsFetch.Tests.Api;

public sealed class JobStatusHandlerFormatTests
{
    [Theory]
    [InlineData("ndjson", null)]
    [InlineData(null, "application/x-ndjson")]
    public async Task HandleAsync_Ndjson_OneResultPerLineInOrderWithCountsInHeaders(string? format, string? accept)
    {
        // Arrange
        var harness = await CompletedJobAsync();

        // Act
        var response = await harness.StatusAsync("job-1", format, accept);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("application/x-ndjson", response.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal("3", response.Header("x-fetch-total"));
        Assert.Equal("1", response.Header("x-fetch-failed"));
        var lines = ReadBody(response).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([0, 1, 2], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("index").GetInt32()));
    }

    [Fact]
    public async Task HandleAsync_Csv_HeaderThenEscapedRowsInOrder()
    {
        // Arrange
        var harness = await CompletedJobAsync();

        // Act
        var response = await harness.StatusAsync("job-1", format: "csv");

        // Assert
        Assert.StartsWith("text/csv", response.Header("Content-Type"), StringComparison.Ordinal);
        var rows = ReadBody(response).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ResultStreamWriters.CsvHeader, rows[0]);
        Assert.StartsWith("0,https://e.test/a,https://e.test/a,200,", rows[1], StringComparison.Ordinal);
        Assert.EndsWith(",\"W/\"\"v1\"\"\",2026-11-30T08:15:00Z,false", rows[1], StringComparison.Ordinal);
        Assert.EndsWith(",timeout,\"Slow, very \"\"slow\"\".\",,,,false", rows[2], StringComparison.Ordinal);
        Assert.Equal(4, rows.Length);
    }

    [Fact]
    public async Task HandleAsync_UnknownFormat_Answers400()
    {
        // Arrange
        var harness = await CompletedJobAsync();

        // Act
        var response = await harness.StatusAsync("job-1", format: "xml");

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static async Task<ApiHarness> CompletedJobAsync()
    {
        var harness = new ApiHarness();
        await harness.Store.WriteManifestAsync("job-1", new JobManifest("h", 3, new JobSettings()), CancellationToken.None);
        await harness.Store.WriteBatchAsync("job-1", 0, 0,
        [
            new(0, "https://e.test/a", "https://e.test/a", 200, 4, 12, "abc", "text/plain", 1, null, ETag: "W/\"v1\"", LastModified: new DateTimeOffset(2026, 11, 30, 8, 15, 0, TimeSpan.Zero)),
            UrlResult.NotFetched(1, "https://e.test/b", FetchErrorKind.Timeout, "Slow, very \"slow\"."),
            new(2, "https://e.test/c", "https://e.test/c", 204, 4, 0, "e3b0", null, 1, null),
        ], CancellationToken.None);
        harness.Client
            .Setup(c => c.GetInstanceAsync("job-1", It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OrchestrationMetadata(FetchJobNames.Orchestrator, "job-1")
            {
                RuntimeStatus = OrchestrationRuntimeStatus.Completed,
                SerializedCustomStatus = FetchJson.DataConverter.Serialize(new JobCounts(3, 2, 1)),
                DataConverter = FetchJson.DataConverter,
            });
        return harness;
    }

    private static string ReadBody(ExecutedResult response)
    {
        response.Body.Position = 0;
        return Encoding.UTF8.GetString(response.Bytes);
    }
}
