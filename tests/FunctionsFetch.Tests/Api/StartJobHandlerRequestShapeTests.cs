using System.Net;
using System.Text.Json;
using FunctionsFetch.Configuration;
using FunctionsFetch.Serialization;
using FunctionsFetch.Storage;
using FunctionsFetch.Testing;
using FunctionsFetch.Tests.Jobs;
using FunctionsFetch.Tests.TestSupport;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Tests.Api;

/// <summary>A job's method and headers at the API: headers go to the job store only; every bad one is a 400 that starts nothing.</summary>
public sealed class StartJobHandlerRequestShapeTests
{
    private const string Secret = "secret-token-123";

    private const string WithHeaders =
        """{"jobId": "with-headers", "urls": ["https://example.test/a"], "options": {"method": "HEAD", "headers": {"Authorization": "Bearer secret-token-123", "X-Custom": "v"}}}""";

    [Fact]
    public async Task HandleAsync_Headers_StoresThemAndSchedulesOnlyTheFlag()
    {
        // Arrange
        var harness = new ApiHarness();

        // Act
        var response = await harness.StartAsync(WithHeaders);

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var input = harness.ScheduledInput!;
        Assert.True(input.HasHeaders);
        Assert.Equal(FetchMethods.Head, input.Settings.Method);
        Assert.DoesNotContain(Secret, JsonSerializer.Serialize(input, FetchJson.Options), StringComparison.Ordinal);
        var stored = await harness.Store.ReadHeadersAsync("with-headers", CancellationToken.None);
        Assert.Equal([new("Authorization", $"Bearer {Secret}"), new("X-Custom", "v")], stored!.Entries);
    }

    [Fact]
    public async Task HandleAsync_Headers_ValueIsInNoBlobButTheHeaders()
    {
        // Arrange
        var harness = new ApiHarness();

        // Act
        await harness.StartAsync(WithHeaders);

        // Assert: the manifest holds a hash of the input, never the value itself.
        await foreach (var name in harness.Blobs.ListAsync(string.Empty, recursive: true, CancellationToken.None))
        {
            var content = (await harness.Blobs.DownloadAsync(name, CancellationToken.None))!.ToString();
            Assert.Equal(name == JobStoreLayout.Headers("with-headers"), content.Contains(Secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task HandleAsync_NoHeaders_StoresNoneAndSchedulesNoFlag()
    {
        // Arrange
        var harness = new ApiHarness();

        // Act
        await harness.StartAsync("""{"jobId": "plain", "urls": ["https://example.test/a"]}""");

        // Assert
        Assert.False(harness.ScheduledInput!.HasHeaders);
        Assert.Equal(FetchMethods.Get, harness.ScheduledInput.Settings.Method);
        Assert.Null(await harness.Store.ReadHeadersAsync("plain", CancellationToken.None));
    }

    [Fact]
    public async Task HandleAsync_SameJobIdSameHeaders_AnswersTheExistingJob()
    {
        // Arrange
        var harness = new ApiHarness();
        await harness.StartAsync(WithHeaders);
        harness.JobIs("with-headers", OrchestrationRuntimeStatus.Running);

        // Act
        var response = await harness.StartAsync(WithHeaders);

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1, harness.ScheduleCount);
    }

    [Theory]
    [InlineData("Bearer other-token")]
    [InlineData(null)]
    public async Task HandleAsync_SameJobIdOtherHeaderValue_Answers409WithoutTheValue(string? authorization)
    {
        // Arrange
        var harness = new ApiHarness();
        await harness.StartAsync(WithHeaders);
        harness.JobIs("with-headers", OrchestrationRuntimeStatus.Running);
        var headers = authorization is null ? """{"X-Custom": "v"}""" : $$"""{"Authorization": "{{authorization}}", "X-Custom": "v"}""";
        var body = $$"""{"jobId": "with-headers", "urls": ["https://example.test/a"], "options": {"method": "HEAD", "headers": {{headers}} } }""";

        // Act
        var response = await harness.StartAsync(body);

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.DoesNotContain("token", response.Text, StringComparison.Ordinal);
        Assert.Equal(1, harness.ScheduleCount);
    }

    // Every refusal of the reader's table, as the API answers it.
    [Theory]
    [MemberData(nameof(JobRequestReaderShapeTests.BadShapes), MemberType = typeof(JobRequestReaderShapeTests))]
    public async Task HandleAsync_BadMethodOrHeaders_Answers400AndStartsNothing(string jobOptions, string expectedDetail)
    {
        // Arrange
        var harness = new ApiHarness(JobRequestReaderShapeTests.TableOptions);
        var body = $$"""{"urls": ["https://example.test/a"], "options": {{jobOptions}} }""";

        // Act
        var response = await harness.StartAsync(body);

        // Assert
        await StartRefusal.AssertRefusedAsync(harness, response, expectedDetail, Secret);
    }
}
