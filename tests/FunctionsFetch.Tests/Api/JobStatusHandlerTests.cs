using System.Net;
using System.Text.Json;
using FunctionsFetch.Configuration;
using FunctionsFetch.Fetching;
using FunctionsFetch.Jobs;
using FunctionsFetch.Storage;
using FunctionsFetch.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Moq;
using FunctionsFetch.Serialization;

namespace FunctionsFetch.Tests.Api;

public sealed class JobStatusHandlerTests
{
    private static readonly DataConverter Converter = FetchJson.DataConverter;

    [Fact]
    public async Task HandleAsync_UnknownId_Answers404Problem()
    {
        // Arrange
        var harness = new ApiHarness();

        // Act
        var response = await harness.StatusAsync("nope");

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.Header("Content-Type"), StringComparison.Ordinal);
        using var json = response.ReadJson();
        Assert.Contains("nope", json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_Running_Answers202WithProgress()
    {
        // Arrange
        var harness = new ApiHarness();
        Returns(harness, Metadata("job-1", OrchestrationRuntimeStatus.Running, new JobCounts(100, 37, 3)));

        // Act
        var response = await harness.StatusAsync("job-1");

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var json = response.ReadJson();
        Assert.Equal(["id", "runtimeStatus", "total", "completed", "failed", "throttledHosts", "concurrency"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, json.RootElement.GetProperty("throttledHosts").GetArrayLength());
        Assert.Equal("Running", json.RootElement.GetProperty("runtimeStatus").GetString());
        Assert.Equal(100, json.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(40, json.RootElement.GetProperty("completed").GetInt32());
        Assert.Equal(3, json.RootElement.GetProperty("failed").GetInt32());
        Assert.NotNull(response.Header("Retry-After"));
    }

    [Fact]
    public async Task HandleAsync_RunningWithThrottledHosts_ListsThemFromTheCustomStatus()
    {
        // Arrange: the custom status as the orchestration writes it.
        var harness = new ApiHarness();
        var until = new DateTimeOffset(2026, 12, 3, 7, 0, 5, TimeSpan.Zero);
        var live = new JobLiveStatus(new JobCounts(10, 2, 1), [new ThrottledHost("https://busy.test:443", 2, until), new ThrottledHost("https://slow.test:443", 4, null)], 30);
        Returns(harness, new OrchestrationMetadata(FetchJobNames.Orchestrator, "job-1")
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Running,
            SerializedCustomStatus = Converter.Serialize(live),
            DataConverter = Converter,
        });

        // Act
        var response = await harness.StatusAsync("job-1");

        // Assert
        using var json = response.ReadJson();
        Assert.Equal(3, json.RootElement.GetProperty("completed").GetInt32());
        var hosts = json.RootElement.GetProperty("throttledHosts").EnumerateArray().ToArray();
        Assert.Equal(["https://busy.test:443", "https://slow.test:443"], hosts.Select(h => h.GetProperty("host").GetString()));
        Assert.Equal([2, 4], hosts.Select(h => h.GetProperty("concurrency").GetInt32()));
        Assert.Equal(until, hosts[0].GetProperty("retryAfter").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, hosts[1].GetProperty("retryAfter").ValueKind);
        Assert.Equal(30, json.RootElement.GetProperty("concurrency").GetInt32());
    }

    [Fact]
    public async Task HandleAsync_PendingBeforeFirstProgress_ReportsTotalFromManifest()
    {
        // Arrange
        var harness = new ApiHarness();
        await harness.Store.WriteManifestAsync("job-1", new JobManifest("hash", 2, new JobSettings()), CancellationToken.None);
        Returns(harness, Metadata("job-1", OrchestrationRuntimeStatus.Pending, progress: null));

        // Act
        var response = await harness.StatusAsync("job-1");

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var json = response.ReadJson();
        Assert.Equal("Pending", json.RootElement.GetProperty("runtimeStatus").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task HandleAsync_Completed_Answers200WithStoredResultsInOrderAndCamelCaseFields()
    {
        // Arrange
        var harness = new ApiHarness();
        await harness.Store.WriteBatchAsync("job-1", 1, 0, [new(2, "https://example.test/c", "https://example.test/c", 404, 3, 0, "e3b0", null, 1, null)], CancellationToken.None);
        await harness.Store.WriteBatchAsync("job-1", 0, 0,
        [
            new(0, "https://example.test/a", "https://example.test/a", 200, 12, 5, "abc", "text/plain", 1, null),
            UrlResult.NotFetched(1, "https://example.test/b", FetchErrorKind.TooManyRedirects, "More than 5 redirects.", 30, 6),
        ], CancellationToken.None);
        Returns(harness, Metadata("job-1", OrchestrationRuntimeStatus.Completed, new JobCounts(3, 1, 2)));

        // Act
        var response = await harness.StatusAsync("job-1");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = response.ReadJson();
        var root = json.RootElement;
        Assert.Equal(["id", "runtimeStatus", "total", "succeeded", "failed", "results"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Completed", root.GetProperty("runtimeStatus").GetString());
        Assert.Equal(3, root.GetProperty("total").GetInt32());
        Assert.Equal(1, root.GetProperty("succeeded").GetInt32());
        Assert.Equal(2, root.GetProperty("failed").GetInt32());
        var items = root.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal([0, 1, 2], items.Select(r => r.GetProperty("index").GetInt32()));
        Assert.Equal(
            ["index", "url", "finalUrl", "statusCode", "elapsedMs", "bytes", "sha256", "contentType", "attempts", "error", "bodyBlob", "etag", "lastModified"],
            items[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, items[1].GetProperty("statusCode").ValueKind);
        Assert.Equal("tooManyRedirects", items[1].GetProperty("error").GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, items[0].GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task HandleAsync_Failed_Answers200WithReasonAndTheResultsGatheredSoFar()
    {
        // Arrange
        var harness = new ApiHarness();
        await harness.Store.WriteBatchAsync("job-1", 0, 0, [new(0, "https://example.test/a", "https://example.test/a", 500, 1, 0, null, null, 3, null)], CancellationToken.None);
        Returns(harness, Metadata(
            "job-1",
            OrchestrationRuntimeStatus.Failed,
            new JobCounts(10, 0, 1),
            new TaskFailureDetails("FailureThresholdExceededException", "The job passed its tolerated failure percentage", null, null, null)));

        // Act
        var response = await harness.StatusAsync("job-1");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = response.ReadJson();
        Assert.Equal("Failed", json.RootElement.GetProperty("runtimeStatus").GetString());
        Assert.Contains("tolerated failure percentage", json.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(10, json.RootElement.GetProperty("total").GetInt32());
        Assert.Single(json.RootElement.GetProperty("results").EnumerateArray());
    }

    [Fact]
    public async Task HandleAsync_RetryJob_ShowsTheOriginalListWithRetriedEntriesReplaced()
    {
        // Arrange: the original had 3 URLs, 2 failed; the retry fixed one of them.
        var harness = new ApiHarness();
        var settings = new JobSettings();
        await harness.Store.WriteManifestAsync("original", new JobManifest("h1", 3, settings), CancellationToken.None);
        await harness.Store.WriteBatchAsync("original", 0, 0,
        [
            new(0, "https://e.test/0", "https://e.test/0", 200, 1, 1, "x", null, 1, null),
            new(1, "https://e.test/1", "https://e.test/1", 503, 1, 1, "x", null, 3, null),
            new(2, "https://e.test/2", "https://e.test/2", 503, 1, 1, "x", null, 3, null),
        ], CancellationToken.None);
        await harness.Store.WriteManifestAsync("retry", new JobManifest("h2", 2, settings, RetryOf: "original", BaseTotal: 3, BaseFailed: 2), CancellationToken.None);
        await harness.Store.WriteBatchAsync("retry", 0, 0,
        [
            new(1, "https://e.test/1", "https://e.test/1", 200, 1, 1, "y", null, 1, null),
            new(2, "https://e.test/2", "https://e.test/2", 503, 1, 1, "x", null, 3, null),
        ], CancellationToken.None);
        Returns(harness, Metadata("retry", OrchestrationRuntimeStatus.Completed, new JobCounts(2, 1, 1)));

        // Act
        var response = await harness.StatusAsync("retry");

        // Assert
        using var json = response.ReadJson();
        var root = json.RootElement;
        Assert.Equal(3, root.GetProperty("total").GetInt32());
        Assert.Equal(2, root.GetProperty("succeeded").GetInt32());
        Assert.Equal(1, root.GetProperty("failed").GetInt32());
        Assert.Equal([200, 200, 503], root.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("statusCode").GetInt32()));
        Assert.Equal([0, 1, 2], root.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("index").GetInt32()));
    }

    [Fact]
    public async Task HandleAsync_TerminatedWhileBatchesStillStoredRows_CountsTheStoredRowsAndKeepsTheJobsTotal()
    {
        // Arrange: the terminate froze progress at 1 of 400; running batches stored 3 rows after it.
        var harness = new ApiHarness();
        await harness.Store.WriteManifestAsync("job-1", new JobManifest("h", 400, new JobSettings()), CancellationToken.None);
        await harness.Store.WriteBatchAsync("job-1", 0, 0,
        [
            new(0, "https://e.test/0", "https://e.test/0", 200, 1, 1, "x", null, 1, null),
            new(1, "https://e.test/1", "https://e.test/1", 200, 1, 1, "x", null, 1, null),
            UrlResult.NotFetched(2, "https://e.test/2", FetchErrorKind.Canceled, "canceled"),
        ], CancellationToken.None);
        Returns(harness, Metadata("job-1", OrchestrationRuntimeStatus.Terminated, new JobCounts(400, 1, 0)));

        // Act
        var response = await harness.StatusAsync("job-1");

        // Assert
        using var json = response.ReadJson();
        var root = json.RootElement;
        Assert.Equal(400, root.GetProperty("total").GetInt32());
        Assert.Equal(2, root.GetProperty("succeeded").GetInt32());
        Assert.Equal(1, root.GetProperty("failed").GetInt32());
        Assert.Equal(3, root.GetProperty("results").GetArrayLength());
    }

    private static OrchestrationMetadata Metadata(string id, OrchestrationRuntimeStatus status, JobCounts? progress, TaskFailureDetails? failure = null) =>
        new(FetchJobNames.Orchestrator, id)
        {
            RuntimeStatus = status,
            SerializedCustomStatus = progress is null ? null : Converter.Serialize(progress),
            FailureDetails = failure,
            DataConverter = Converter,
        };

    private static void Returns(ApiHarness harness, OrchestrationMetadata metadata) =>
        harness.Client.Setup(c => c.GetInstanceAsync(metadata.InstanceId, It.IsAny<bool>(), It.IsAny<CancellationToken>())).ReturnsAsync(metadata);
}
