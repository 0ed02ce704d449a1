using System.Net;
using FunctionsFetch.Configuration;
using FunctionsFetch.Functions;
using FunctionsFetch.Testing;
using Microsoft.AspNetCore.Http;

namespace FunctionsFetch.Tests.Functions;

/// <summary>StartFetch's binding and answer: the request's parts reach the handler, a start answers the Durable 202.</summary>
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
        var response = await StartAsync(harness, request);

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
    public async Task StartFetch_TextPlainBody_PassesContentTypeAndBodyToTheHandler()
    {
        // Arrange: only a text/plain read yields these URLs from this body.
        var harness = new FunctionsHarness();
        var request = harness.Request("POST", "/api/fetch", "https://example.test/1\n# a comment\nhttps://example.test/2\n", "text/plain");

        // Act
        var response = await StartAsync(harness, request);

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(["https://example.test/1", "https://example.test/2"], (await harness.ScheduledUrlsAsync()).Select(u => u.Url));
    }

    [Fact]
    public async Task StartFetch_JobIdInQuery_PassesItToTheHandler()
    {
        // Arrange
        var harness = new FunctionsHarness();
        var request = harness.Request("POST", "/api/fetch?jobId=plain-1", "https://example.test/a\n", "text/plain");

        // Act
        var response = await StartAsync(harness, request);

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("plain-1", harness.ScheduledInstanceId);
    }

    [Fact]
    public async Task StartFetch_DeclaredContentLengthOverTheLimit_PassesItToTheHandler()
    {
        // Arrange: the body itself is small; only the declared length is over.
        var harness = new FunctionsHarness(new FetchOptions { MaxRequestBytes = 2048 });
        var request = harness.Request("POST", "/api/fetch", """{"urls": ["https://example.test/"]}""", "application/json", contentLength: 5000);

        // Act
        var response = await StartAsync(harness, request);

        // Assert
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        harness.VerifyNothingScheduled();
    }

    [Fact]
    public async Task StartFetch_BadInput_AnswersTheHandlersProblemUnchanged()
    {
        // Arrange
        const string body = """{"urls": ["https://example.test/", "ftp://example.test/"]}""";
        var expected = await new ApiHarness().StartAsync(body);
        var harness = new FunctionsHarness();

        // Act
        var response = await StartAsync(harness, harness.Request("POST", "/api/fetch", body, "application/json"));

        // Assert
        TriggerAssert.SameAnswer(expected, response);
        harness.VerifyNothingScheduled();
    }

    [Fact]
    public async Task StartFetch_CallbackUrl_StoresTheRequestsOwnAddressAsTheApiBase()
    {
        // Arrange
        var harness = new FunctionsHarness(new FetchOptions { CallbackSecret = "s3cret" });
        var body = """{"jobId": "cb-1", "urls": ["https://example.test/a"], "options": {"callbackUrl": "https://hooks.example.test/done"}}""";

        // Act
        var response = await StartAsync(harness, harness.Request("POST", "/api/fetch", body, "application/json"));

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var target = await harness.Store.ReadCallbackTargetAsync("cb-1", CancellationToken.None);
        Assert.Equal(new FunctionsFetch.Storage.CallbackTarget("https://hooks.example.test/done", "http://localhost:7071"), target);
        Assert.Equal("cb-1:callback", Assert.Single(harness.ScheduledCallbacks).InstanceId);
    }

    private static async Task<ExecutedResult> StartAsync(FunctionsHarness harness, HttpRequest request) =>
        await FunctionsHarness.ExecuteAsync(await new FetchStarter(harness.Starter).StartFetch(request, harness.Client.Object, harness.Context.Object));
}
