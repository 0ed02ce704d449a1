using System.Net;
using FunctionsFetch.Storage;
using FunctionsFetch.Configuration;
using FunctionsFetch.Functions;
using FunctionsFetch.Jobs;
using FunctionsFetch.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Moq;

namespace FunctionsFetch.Tests.Functions;

public sealed class FetchStarterTests
{
    // The Durable Functions HTTP API's keys, as the extension (1.21.1) fills them in.
    private static readonly string[] CheckStatusKeys =
    [
        "id", "purgeHistoryDeleteUri", "restartPostUri", "resumePostUri", "rewindPostUri",
        "sendEventPostUri", "statusQueryGetUri", "suspendPostUri", "terminatePostUri",
    ];

    [Fact]
    public async Task StartFetch_ValidJson_Answers202WithCamelCaseCheckStatusPayload()
    {
        // Arrange
        var harness = new FunctionsHarness();
        var request = harness.Request("POST", "/api/fetch", """{"urls": ["https://example.test/a", "http://example.test/b"]}""", "application/json");

        // Act
        var response = await FunctionsHarness.ExecuteAsync(await new FetchStarter(harness.Starter).StartFetch(request, harness.Client.Object, harness.Context.Object));

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var json = response.ReadJson();
        Assert.Equal(CheckStatusKeys, json.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var id = json.RootElement.GetProperty("id").GetString();
        Assert.Equal(harness.ScheduledInstanceId, id);
        var statusUri = json.RootElement.GetProperty("statusQueryGetUri").GetString();
        Assert.Equal($"http://localhost:7071/runtime/webhooks/durabletask/instances/{id}", statusUri);
        Assert.Equal(statusUri, response.Header("Location"));
    }

    [Fact]
    public async Task StartFetch_ValidJson_SchedulesTheOrchestratorWithUrlsAndResolvedOptions()
    {
        // Arrange
        var harness = new FunctionsHarness();
        var body = """{"urls": ["https://example.test/a", "https://example.test/b"], "options": {"batchSize": 7, "maxRedirects": 0}}""";

        // Act
        await new FetchStarter(harness.Starter).StartFetch(harness.Request("POST", "/api/fetch", body, "application/json; charset=utf-8"), harness.Client.Object, harness.Context.Object);

        // Assert
        Assert.Equal(FetchJobNames.Orchestrator, harness.ScheduledOrchestrator);
        Assert.Equal([new JobUrl(0, "https://example.test/a"), new JobUrl(1, "https://example.test/b")], await harness.ScheduledUrlsAsync());
        Assert.Equal(new FetchOptions().Defaults with { BatchSize = 7, MaxRedirects = 0 }, harness.ScheduledInput!.Settings);
    }

    [Fact]
    public async Task StartFetch_TextPlain_SchedulesOneUrlPerLineSkippingBlanksAndComments()
    {
        // Arrange
        var harness = new FunctionsHarness();
        var body = "https://example.test/1\r\n\n# a comment\n  https://example.test/2  \n";

        // Act
        var response = await FunctionsHarness.ExecuteAsync(await new FetchStarter(harness.Starter).StartFetch(harness.Request("POST", "/api/fetch", body, "text/plain"), harness.Client.Object, harness.Context.Object));

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(["https://example.test/1", "https://example.test/2"], (await harness.ScheduledUrlsAsync()).Select(u => u.Url));
    }

    public static TheoryData<string, string?, long?, HttpStatusCode, string, int?> BadInputs => new()
    {
        { "not json at all", "application/json", null, HttpStatusCode.BadRequest, "not valid JSON", null },
        { """{"urls": ["https://example.test/"]}""", "application/xml", null, HttpStatusCode.BadRequest, "Content-Type must be", null },
        { """{"urls": ["https://example.test/"]}""", null, null, HttpStatusCode.BadRequest, "Content-Type must be", null },
        { """["https://example.test/"]""", "application/json", null, HttpStatusCode.BadRequest, "must be a JSON object", null },
        { "{}", "application/json", null, HttpStatusCode.BadRequest, "'urls' must be an array", null },
        { """{"urls": "https://example.test/"}""", "application/json", null, HttpStatusCode.BadRequest, "'urls' must be an array", null },
        { """{"urls": []}""", "application/json", null, HttpStatusCode.BadRequest, "no URLs", null },
        { "\n# only a comment\n", "text/plain", null, HttpStatusCode.BadRequest, "no URLs", null },
        { """{"urls": ["https://example.test/", "ftp://example.test/"]}""", "application/json", null, HttpStatusCode.BadRequest, "urls[1] is not an absolute http or https URL", 1 },
        { """{"urls": ["relative/path"]}""", "application/json", null, HttpStatusCode.BadRequest, "urls[0] is not an absolute", 0 },
        { """{"urls": ["https://example.test/", 5]}""", "application/json", null, HttpStatusCode.BadRequest, "urls[1] must be a string", 1 },
        { $$"""{"urls": ["https://example.test/{{new string('a', 120)}}"]}""", "application/json", null, HttpStatusCode.BadRequest, "characters long; the limit is 100", 0 },
        { "https://example.test/ok\nmailto:someone@example.test\n", "text/plain", null, HttpStatusCode.BadRequest, "urls[1] (line 2) is not an absolute", 1 },
        { """{"urls": ["https://e.test/1", "https://e.test/2", "https://e.test/3", "https://e.test/4"]}""", "application/json", null, HttpStatusCode.BadRequest, "at most 3 URLs", null },
        { """{"urls": ["https://example.test/"], "options": {"retries": 2}}""", "application/json", null, HttpStatusCode.BadRequest, "Unknown option 'retries'", null },
        { """{"urls": ["https://example.test/"], "options": {"batchSize": 0}}""", "application/json", null, HttpStatusCode.BadRequest, "options.batchSize must be between 1 and 1000 (was 0)", null },
        { """{"urls": ["https://example.test/"], "options": {"timeoutSeconds": 301}}""", "application/json", null, HttpStatusCode.BadRequest, "options.timeoutSeconds must be between 1 and 300", null },
        { """{"urls": ["https://example.test/"], "options": {"maxAttempts": "three"}}""", "application/json", null, HttpStatusCode.BadRequest, "options.maxAttempts must be a whole number", null },
        { """{"urls": ["https://example.test/"], "options": {"maxAttempts": 1.5}}""", "application/json", null, HttpStatusCode.BadRequest, "options.maxAttempts must be a whole number", null },
        { """{"urls": ["https://example.test/"], "options": [1]}""", "application/json", null, HttpStatusCode.BadRequest, "'options' must be an object", null },
        { """{"urls": ["https://example.test/"], "callback": "x"}""", "application/json", null, HttpStatusCode.BadRequest, "Unknown property 'callback'", null },
        { """{"urls": ["https://example.test/a"], "urls": ["https://example.test/b"]}""", "application/json", null, HttpStatusCode.BadRequest, "Duplicate property 'urls'", null },
        { """{"urls": ["https://example.test/"], "jobId": "a", "jobId": "b"}""", "application/json", null, HttpStatusCode.BadRequest, "Duplicate property 'jobId'", null },
        { """{"urls": ["https://example.test/"], "options": {}, "options": {"batchSize": 2}}""", "application/json", null, HttpStatusCode.BadRequest, "Duplicate property 'options'", null },
        { """{"urls": ["https://example.test/"], "options": {"batchSize": 2, "batchSize": 3}}""", "application/json", null, HttpStatusCode.BadRequest, "Duplicate option 'batchSize'", null },
        { """{"URLS": ["https://example.test/"]}""", "application/json", null, HttpStatusCode.BadRequest, "Unknown property 'URLS'. Property names are case-sensitive: did you mean 'urls'?", null },
        { """{"urls": ["https://example.test/"], "JobId": "a"}""", "application/json", null, HttpStatusCode.BadRequest, "Unknown property 'JobId'. Property names are case-sensitive: did you mean 'jobId'?", null },
        { """{"urls": ["https://example.test/"], "options": {"BatchSize": 2}}""", "application/json", null, HttpStatusCode.BadRequest, "Unknown option 'BatchSize'. Option names are case-sensitive: did you mean 'batchSize'?", null },
        { """{"urls": ["https://example.test/"], "options": null}""", "application/json", null, HttpStatusCode.BadRequest, "'options' must be an object", null },
        { """{"urls": ["https://example.test/", "https://example.test/a\nb"]}""", "application/json", null, HttpStatusCode.BadRequest, "urls[1] contains the control character U+000A", 1 },
        { """{"urls": ["https://example.test/a\rb"]}""", "application/json", null, HttpStatusCode.BadRequest, "urls[0] contains the control character U+000D", 0 },
        { """{"urls": ["https://example.test/a\u0000b"]}""", "application/json", null, HttpStatusCode.BadRequest, "urls[0] contains the control character U+0000", 0 },
        { """{"urls": ["https://example.test/a\tb"]}""", "application/json", null, HttpStatusCode.BadRequest, "urls[0] contains the control character U+0009", 0 },
        { """{"urls": ["https://example.test/a\u007fb"]}""", "application/json", null, HttpStatusCode.BadRequest, "urls[0] contains the control character U+007F", 0 },
        { """{"urls": [" https://example.test/"]}""", "application/json", null, HttpStatusCode.BadRequest, "urls[0] has leading or trailing whitespace", 0 },
        { """{"urls": ["https://example.test/", "https://example.test/ "]}""", "application/json", null, HttpStatusCode.BadRequest, "urls[1] has leading or trailing whitespace", 1 },
        { """{"urls": ["https://example.test/\n"]}""", "application/json", null, HttpStatusCode.BadRequest, "urls[0] has leading or trailing whitespace", 0 },
        { """{"urls": ["https://e.test/1", "https://e.test/2", "http://user:pass@example.test/"]}""", "application/json", null, HttpStatusCode.BadRequest, "urls[2] carries credentials (user info before '@')", 2 },
        { """{"urls": ["https://token@example.test/"]}""", "application/json", null, HttpStatusCode.BadRequest, "urls[0] carries credentials", 0 },
        { "https://example.test/\nhttp://u:p@example.test/\n", "text/plain", null, HttpStatusCode.BadRequest, "urls[1] (line 2) carries credentials", 1 },
        { """{"urls": ["https://example.test/"]}""", "application/json; charset=iso-8859-1", null, HttpStatusCode.UnsupportedMediaType, "charset 'iso-8859-1'", null },
        { "https://example.test/", "text/plain; charset=utf-16", null, HttpStatusCode.UnsupportedMediaType, "charset 'utf-16'", null },
        { """{"urls": ["https://example.test/"]}""", "application/json", 5000, HttpStatusCode.RequestEntityTooLarge, "exceeds 2048 bytes", null },
        { $$"""{"urls": ["{{string.Join("\", \"", Enumerable.Repeat("https://example.test/x", 200))}}"]}""", "application/json", 10, HttpStatusCode.RequestEntityTooLarge, "exceeds 2048 bytes", null },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task StartFetch_BadInput_AnswersProblemAndStartsNothing(string body, string? contentType, long? contentLength, HttpStatusCode expectedStatus, string expectedDetail, int? expectedIndex)
    {
        // Arrange
        var harness = new FunctionsHarness(new FetchOptions { MaxUrlsPerJob = 3, MaxRequestBytes = 2048, MaxUrlLength = 100 });
        var request = harness.Request("POST", "/api/fetch", body, contentType, contentLength);

        // Act
        var response = await FunctionsHarness.ExecuteAsync(await new FetchStarter(harness.Starter).StartFetch(request, harness.Client.Object, harness.Context.Object));

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
