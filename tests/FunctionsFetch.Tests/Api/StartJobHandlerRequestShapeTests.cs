using System.Net;
using System.Text.Json;
using FunctionsFetch.Configuration;
using FunctionsFetch.Serialization;
using FunctionsFetch.Storage;
using FunctionsFetch.Testing;
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

    // Each way the shape is refused (every wording is in JobRequestReaderShapeTests).
    public static TheoryData<string, string> BadShapes => new()
    {
        { """{"method": "POST"}""", "options.method must be" },
        { """{"headers": {"Host": "evil.test"}}""", "options.headers.Host may not be set" },
        { """{"headers": {"Content-Length": "0"}}""", "options.headers.Content-Length may not be set" },
        { """{"headers": {"Transfer-Encoding": "chunked"}}""", "options.headers.Transfer-Encoding may not be set" },
        { """{"headers": {"Connection": "close"}}""", "options.headers.Connection may not be set" },
        { """{"headers": {"Cookie": "s=secret-token-123"}}""", "options.headers.Cookie may not be set" },
        { """{"headers": {"X-Evil": "secret-token-123\r\nX-Injected: 1"}}""", "options.headers.X-Evil has a CR, LF or NUL" },
        { """{"headers": {"X-Evil": "secret-token-123\n"}}""", "options.headers.X-Evil has a CR, LF or NUL" },
        { """{"headers": {"Bad Name": "v"}}""", "not a valid header name" },
        { """{"headers": {"A": "1", "B": "2", "C": "3"}}""", "(Fetch:MaxRequestHeaders)" },
        { """{"headers": {"Authorization": "secret-token-123-and-then-some-more-to-pass-the-cap"}}""", "(Fetch:MaxRequestHeaderBytes)" },
        { """{"headers": {"X-Count": 3}}""", "options.headers.X-Count must be a string" },
    };

    [Theory]
    [MemberData(nameof(BadShapes))]
    public async Task HandleAsync_BadMethodOrHeaders_Answers400AndStartsNothing(string jobOptions, string expectedDetail)
    {
        // Arrange
        var harness = new ApiHarness(new FetchOptions { MaxRequestHeaders = 2, MaxRequestHeaderBytes = 48 });
        var body = $$"""{"urls": ["https://example.test/a"], "options": {{jobOptions}} }""";

        // Act
        var response = await harness.StartAsync(body);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.Header("Content-Type"), StringComparison.Ordinal);
        using var json = response.ReadJson();
        Assert.Contains(expectedDetail, json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, response.Text, StringComparison.Ordinal);
        harness.VerifyNothingScheduled();
        await foreach (var name in harness.Blobs.ListAsync(string.Empty, recursive: true, CancellationToken.None))
        {
            Assert.Fail($"A refused start wrote {name}.");
        }
    }
}
