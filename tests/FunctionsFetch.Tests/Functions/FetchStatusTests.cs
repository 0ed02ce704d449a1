using System.Net;
using System.Text.Json;
using FunctionsFetch.Configuration;
using FunctionsFetch.Fetching;
using FunctionsFetch.Functions;
using FunctionsFetch.Jobs;
using FunctionsFetch.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Moq;

namespace FunctionsFetch.Tests.Functions;

public sealed class FetchStatusTests
{
    // The converter both hosts use for orchestration payloads.
    private static readonly DataConverter Converter = DurableJson.Converter;

    [Fact]
    public async Task GetFetchStatus_UnknownId_Answers404Problem()
    {
        // Arrange
        var harness = new FunctionsHarness();
        harness.Client.Setup(c => c.GetInstanceAsync("nope", true, It.IsAny<CancellationToken>())).ReturnsAsync((OrchestrationMetadata?)null);

        // Act
        var response = (FakeHttpResponseData)await Get(harness, "nope");

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.Header("Content-Type"), StringComparison.Ordinal);
        using var json = response.ReadJson();
        Assert.Contains("nope", json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetFetchStatus_Running_Answers202WithProgress()
    {
        // Arrange
        var harness = new FunctionsHarness();
        Returns(harness, new OrchestrationMetadata(FetchJobNames.Orchestrator, "job-1")
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Running,
            SerializedCustomStatus = Converter.Serialize(new JobProgress(100, 40, 3)),
            DataConverter = Converter,
        });

        // Act
        var response = (FakeHttpResponseData)await Get(harness, "job-1");

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var json = response.ReadJson();
        var root = json.RootElement;
        Assert.Equal("job-1", root.GetProperty("id").GetString());
        Assert.Equal("Running", root.GetProperty("runtimeStatus").GetString());
        Assert.Equal(100, root.GetProperty("total").GetInt32());
        Assert.Equal(40, root.GetProperty("completed").GetInt32());
        Assert.Equal(3, root.GetProperty("failed").GetInt32());
        Assert.NotNull(response.Header("Retry-After"));
    }

    [Fact]
    public async Task GetFetchStatus_PendingBeforeFirstProgress_ReportsTotalFromInput()
    {
        // Arrange
        var harness = new FunctionsHarness();
        Returns(harness, new OrchestrationMetadata(FetchJobNames.Orchestrator, "job-1")
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Pending,
            SerializedInput = Converter.Serialize(new FetchJobInput(["https://example.test/1", "https://example.test/2"], new JobSettings())),
            DataConverter = Converter,
        });

        // Act
        var response = (FakeHttpResponseData)await Get(harness, "job-1");

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var json = response.ReadJson();
        Assert.Equal("Pending", json.RootElement.GetProperty("runtimeStatus").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(0, json.RootElement.GetProperty("completed").GetInt32());
    }

    [Fact]
    public async Task GetFetchStatus_Completed_Answers200WithEveryResultInOrderAndCamelCaseFields()
    {
        // Arrange
        var harness = new FunctionsHarness();
        UrlResult[] results =
        [
            new(0, "https://example.test/a", "https://example.test/a", 200, 12, 5, "abc", "text/plain", 1, null),
            UrlResult.NotFetched(1, "https://example.test/b", FetchErrorKind.TooManyRedirects, "More than 5 redirects.", 30, 6),
            new(2, "https://example.test/c", "https://example.test/c", 404, 3, 0, "e3b0", null, 1, null),
        ];
        Returns(harness, new OrchestrationMetadata(FetchJobNames.Orchestrator, "job-1")
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Completed,
            SerializedOutput = Converter.Serialize(new JobOutput(3, 1, 2, results)),
            DataConverter = Converter,
        });

        // Act
        var response = (FakeHttpResponseData)await Get(harness, "job-1");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = response.ReadJson();
        var root = json.RootElement;
        Assert.Equal(["id", "runtimeStatus", "total", "succeeded", "failed", "results"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Completed", root.GetProperty("runtimeStatus").GetString());
        Assert.Equal(1, root.GetProperty("succeeded").GetInt32());
        Assert.Equal(2, root.GetProperty("failed").GetInt32());
        var items = root.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal([0, 1, 2], items.Select(r => r.GetProperty("index").GetInt32()));
        Assert.Equal(
            ["index", "url", "finalUrl", "statusCode", "elapsedMs", "bytes", "sha256", "contentType", "attempts", "error"],
            items[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, items[1].GetProperty("statusCode").ValueKind);
        Assert.Equal("tooManyRedirects", items[1].GetProperty("error").GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, items[0].GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task GetFetchStatus_Failed_Answers200WithReason()
    {
        // Arrange
        var harness = new FunctionsHarness();
        Returns(harness, new OrchestrationMetadata(FetchJobNames.Orchestrator, "job-1")
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Failed,
            SerializedCustomStatus = Converter.Serialize(new JobProgress(10, 4, 1)),
            FailureDetails = new TaskFailureDetails("InvalidOperationException", "boom", null, null, null),
            DataConverter = Converter,
        });

        // Act
        var response = (FakeHttpResponseData)await Get(harness, "job-1");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = response.ReadJson();
        Assert.Equal("Failed", json.RootElement.GetProperty("runtimeStatus").GetString());
        Assert.Equal("boom", json.RootElement.GetProperty("reason").GetString());
        Assert.Equal(10, json.RootElement.GetProperty("total").GetInt32());
    }

    private static void Returns(FunctionsHarness harness, OrchestrationMetadata metadata) =>
        harness.Client.Setup(c => c.GetInstanceAsync(metadata.InstanceId, true, It.IsAny<CancellationToken>())).ReturnsAsync(metadata);

    private static Task<Microsoft.Azure.Functions.Worker.Http.HttpResponseData> Get(FunctionsHarness harness, string id) =>
        new FetchStatus(harness.Api).GetFetchStatus(harness.Request("GET", $"/api/fetch/{id}"), harness.Client.Object, id, harness.Context.Object);
}
