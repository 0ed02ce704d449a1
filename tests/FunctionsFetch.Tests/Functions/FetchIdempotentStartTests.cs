using System.Net;
using FunctionsFetch.Functions;
using FunctionsFetch.Jobs;
using FunctionsFetch.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Moq;

namespace FunctionsFetch.Tests.Functions;

public sealed class FetchIdempotentStartTests
{
    private const string Body = """{"jobId": "nightly-2026-11-25", "urls": ["https://example.test/a", "https://example.test/b"]}""";

    [Fact]
    public async Task StartFetch_NewJobId_StartsTheJobUnderThatId()
    {
        // Arrange
        var harness = new FunctionsHarness();

        // Act
        var response = await StartAsync(harness, Body);

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("nightly-2026-11-25", harness.ScheduledInstanceId);
        using var json = response.ReadJson();
        Assert.Equal("nightly-2026-11-25", json.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task StartFetch_SameJobIdSameInput_Answers202WithTheExistingJobAndStartsNothing()
    {
        // Arrange
        var harness = new FunctionsHarness();
        await StartAsync(harness, Body);
        JobExists(harness, "nightly-2026-11-25");

        // Act
        var response = await StartAsync(harness, Body);

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var json = response.ReadJson();
        Assert.Equal("nightly-2026-11-25", json.RootElement.GetProperty("id").GetString());
        Assert.Equal(1, harness.ScheduleCount);
    }

    [Fact]
    public async Task StartFetch_SameJobIdDifferentInput_Answers409AndStartsNothing()
    {
        // Arrange
        var harness = new FunctionsHarness();
        await StartAsync(harness, Body);
        JobExists(harness, "nightly-2026-11-25");

        // Act
        var response = await StartAsync(harness, """{"jobId": "nightly-2026-11-25", "urls": ["https://example.test/other"]}""");

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal(1, harness.ScheduleCount);
    }

    [Theory]
    [InlineData("\"has space\"")]
    [InlineData("\"\"")]
    [InlineData("\"semi;colon\"")]
    [InlineData("42")]
    [InlineData("\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"")]
    public async Task StartFetch_InvalidJobId_Answers400AndStartsNothing(string jobIdJson)
    {
        // Arrange
        var harness = new FunctionsHarness();

        // Act
        var response = await StartAsync(harness, $$"""{"jobId": {{jobIdJson}}, "urls": ["https://example.test/a"]}""");

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = response.ReadJson();
        Assert.Contains("jobId must be 1-64 characters", json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        harness.VerifyNothingScheduled();
    }

    [Fact]
    public async Task StartFetch_TextPlainWithJobIdInQuery_StartsUnderThatId()
    {
        // Arrange
        var harness = new FunctionsHarness();
        var request = harness.Request("POST", "/api/fetch?jobId=plain-1", "https://example.test/a\n", "text/plain");

        // Act
        var response = await FunctionsHarness.ExecuteAsync(await new FetchStarter(harness.Starter).StartFetch(request, harness.Client.Object, harness.Context.Object));

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("plain-1", harness.ScheduledInstanceId);
    }

    [Fact]
    public async Task StartFetch_SameJobIdConcurrently_SchedulesItOnce()
    {
        // Arrange: the instance exists once scheduled; the schedule call is slow, as a storage round trip is.
        var harness = new FunctionsHarness();
        var scheduled = 0;
        harness.Client
            .Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .Returns(async (TaskName _, object? _, StartOrchestrationOptions? options, CancellationToken cancellation) =>
            {
                await Task.Delay(50, cancellation);
                Interlocked.Increment(ref scheduled);
                return options!.InstanceId!;
            });
        harness.Client
            .Setup(c => c.GetInstanceAsync("nightly-2026-11-25", It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => Volatile.Read(ref scheduled) == 0
                ? null
                : new OrchestrationMetadata(FetchJobNames.Orchestrator, "nightly-2026-11-25") { RuntimeStatus = OrchestrationRuntimeStatus.Running });

        // Act
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => StartAsync(harness, Body))));

        // Assert
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.Equal(1, scheduled);
    }

    private static void JobExists(FunctionsHarness harness, string id) =>
        harness.Client
            .Setup(c => c.GetInstanceAsync(id, It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OrchestrationMetadata(FetchJobNames.Orchestrator, id) { RuntimeStatus = OrchestrationRuntimeStatus.Running });

    private static async Task<ExecutedResult> StartAsync(FunctionsHarness harness, string body) =>
        await FunctionsHarness.ExecuteAsync(await new FetchStarter(harness.Starter).StartFetch(harness.Request("POST", "/api/fetch", body, "application/json"), harness.Client.Object, harness.Context.Object));
}
