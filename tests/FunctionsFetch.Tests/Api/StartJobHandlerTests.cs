using System.Net;
using FunctionsFetch.Configuration;
using FunctionsFetch.Jobs;
using FunctionsFetch.Storage;
using FunctionsFetch.Testing;

namespace FunctionsFetch.Tests.Api;

public sealed class StartJobHandlerTests
{
    [Fact]
    public async Task HandleAsync_ValidJson_SchedulesTheOrchestratorWithUrlsAndResolvedOptions()
    {
        // Arrange
        var harness = new ApiHarness();
        var body = """{"urls": ["https://example.test/a", "https://example.test/b"], "options": {"batchSize": 7, "maxRedirects": 0}}""";

        // Act
        await harness.StartAsync(body, "application/json; charset=utf-8");

        // Assert
        Assert.Equal(FetchJobNames.Orchestrator, harness.ScheduledOrchestrator);
        Assert.Equal([new JobUrl(0, "https://example.test/a"), new JobUrl(1, "https://example.test/b")], await harness.ScheduledUrlsAsync());
        Assert.Equal(JobPlanner.Plan(new FetchOptions().Defaults with { BatchSize = 7, MaxRedirects = 0 }, 2, ActivitySlots.Default), harness.ScheduledInput!.Settings);
    }

    [Fact]
    public async Task HandleAsync_ValidJson_AnswersTheHostsAcceptedForTheScheduledId()
    {
        // Arrange
        var harness = new ApiHarness();

        // Act
        var response = await harness.StartAsync("""{"urls": ["https://example.test/a"]}""");

        // Assert: the 202 itself is the host's; the handler hands it the scheduled id.
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var json = response.ReadJson();
        Assert.Equal(harness.ScheduledInstanceId, json.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task HandleAsync_TextPlain_SchedulesOneUrlPerLineSkippingBlanksAndComments()
    {
        // Arrange
        var harness = new ApiHarness();
        var body = "https://example.test/1\r\n\n# a comment\n  https://example.test/2  \n";

        // Act
        var response = await harness.StartAsync(body, "text/plain");

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(["https://example.test/1", "https://example.test/2"], (await harness.ScheduledUrlsAsync()).Select(u => u.Url));
    }

    // One refusal per error kind; every refusal and its wording is in JobRequestReaderTests.
    public static TheoryData<string, string?, long?, HttpStatusCode, string, int?> BadInputs => new()
    {
        { """{"urls": ["https://example.test/", "ftp://example.test/"]}""", "application/json", null, HttpStatusCode.BadRequest, "urls[1] is not an absolute http or https URL", 1 },
        { """{"urls": ["https://example.test/"]}""", "application/json; charset=iso-8859-1", null, HttpStatusCode.UnsupportedMediaType, "charset 'iso-8859-1'", null },
        { """{"urls": ["https://example.test/"]}""", "application/json", 5000, HttpStatusCode.RequestEntityTooLarge, "exceeds 2048 bytes", null },
        { """{"urls": ["https://example.test/"], "options": {"concurrency": 10, "batchParallelism": 4, "maxParallelBatches": 3}}""", "application/json", null, HttpStatusCode.BadRequest, "options.batchParallelism (4) x options.maxParallelBatches (3) = 12 fetches in flight, more than options.concurrency (10)", null },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task HandleAsync_BadInput_AnswersProblemAndSchedulesNothing(string body, string? contentType, long? contentLength, HttpStatusCode expectedStatus, string expectedDetail, int? expectedIndex)
    {
        // Arrange
        var harness = new ApiHarness(new FetchOptions { MaxRequestBytes = 2048 });

        // Act
        var response = await harness.StartAsync(body, contentType, contentLength: contentLength);

        // Assert
        Assert.Equal(expectedStatus, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.Header("Content-Type"), StringComparison.Ordinal);
        using var json = response.ReadJson();
        Assert.Equal((int)expectedStatus, json.RootElement.GetProperty("status").GetInt32());
        Assert.Contains(expectedDetail, json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        if (expectedIndex is not null)
        {
            Assert.Equal(expectedIndex, json.RootElement.GetProperty("index").GetInt32());
        }

        harness.VerifyNothingScheduled();
    }
}
