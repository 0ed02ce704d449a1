using System.Net;
using FunctionsFetch.Jobs;
using FunctionsFetch.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Moq;

namespace FunctionsFetch.Tests.Api;

/// <summary>A client-chosen <c>jobId</c> makes a start idempotent.</summary>
public sealed class StartJobHandlerIdempotencyTests
{
    private const string Body = """{"jobId": "nightly-2026-11-25", "urls": ["https://example.test/a", "https://example.test/b"]}""";

    [Fact]
    public async Task HandleAsync_NewJobId_StartsTheJobUnderThatId()
    {
        // Arrange
        var harness = new ApiHarness();

        // Act
        var response = await harness.StartAsync(Body);

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("nightly-2026-11-25", harness.ScheduledInstanceId);
        using var json = response.ReadJson();
        Assert.Equal("nightly-2026-11-25", json.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task HandleAsync_SameJobIdSameInput_Answers202WithTheExistingJobAndStartsNothing()
    {
        // Arrange
        var harness = new ApiHarness();
        await harness.StartAsync(Body);
        harness.JobIs("nightly-2026-11-25", OrchestrationRuntimeStatus.Running);

        // Act
        var response = await harness.StartAsync(Body);

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var json = response.ReadJson();
        Assert.Equal("nightly-2026-11-25", json.RootElement.GetProperty("id").GetString());
        Assert.Equal(1, harness.ScheduleCount);
    }

    [Fact]
    public async Task HandleAsync_SameJobIdDifferentInput_Answers409AndStartsNothing()
    {
        // Arrange
        var harness = new ApiHarness();
        await harness.StartAsync(Body);
        harness.JobIs("nightly-2026-11-25", OrchestrationRuntimeStatus.Running);

        // Act
        var response = await harness.StartAsync("""{"jobId": "nightly-2026-11-25", "urls": ["https://example.test/other"]}""");

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal(1, harness.ScheduleCount);
    }

    [Fact]
    public async Task HandleAsync_TextPlainWithQueryJobId_StartsUnderThatId()
    {
        // Arrange
        var harness = new ApiHarness();

        // Act
        var response = await harness.StartAsync("https://example.test/a\n", "text/plain", jobId: "plain-1");

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("plain-1", harness.ScheduledInstanceId);
    }

    [Fact]
    public async Task HandleAsync_SameJobIdConcurrently_SchedulesItOnce()
    {
        // Arrange: the instance exists once scheduled; the schedule call is slow, as a storage round trip is.
        var harness = new ApiHarness();
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
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => harness.StartAsync(Body))));

        // Assert
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.Equal(1, scheduled);
    }

    [Fact]
    public async Task HandleAsync_RacedByAStartWithOtherInputNotScheduledYet_Answers409AndKeepsTheFirstInput()
    {
        // Arrange: another process stored its start of the id first; the engine does not show the instance yet.
        var harness = new ApiHarness();
        harness.Client
            .Setup(c => c.GetInstanceAsync("nightly-2026-11-25", It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((OrchestrationMetadata?)null);
        await harness.StartAsync(Body);

        // Act
        var response = await harness.StartAsync("""{"jobId": "nightly-2026-11-25", "urls": ["https://example.test/other"]}""");

        // Assert: refused, and the first start's input is what the job reads.
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(1, harness.ScheduleCount);
        Assert.Equal(["https://example.test/a", "https://example.test/b"], (await harness.ScheduledUrlsAsync()).Select(u => u.Url));
    }
}
