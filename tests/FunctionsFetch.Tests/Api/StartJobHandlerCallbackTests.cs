using System.Net;
using System.Text.Json;
using FunctionsFetch.Configuration;
using FunctionsFetch.Jobs;
using FunctionsFetch.Serialization;
using FunctionsFetch.Storage;
using FunctionsFetch.Testing;
using FunctionsFetch.Tests.Jobs;
using FunctionsFetch.Tests.TestSupport;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Tests.Api;

/// <summary>A job's callback URL at the API: kept in the job store only, a callback orchestration scheduled beside the job; every bad one a 400 that starts nothing.</summary>
public sealed class StartJobHandlerCallbackTests
{
    private const string Token = "secret-token-123";

    private const string WithCallback =
        """{"jobId": "with-callback", "urls": ["https://example.test/a"], "options": {"callbackUrl": "https://hooks.example.test/done?token=secret-token-123"}}""";

    [Fact]
    public async Task HandleAsync_CallbackUrl_StoresTheTargetAndSchedulesTheCallbackOrchestrationWithOnlyTheFlag()
    {
        // Arrange
        var harness = new ApiHarness(JobRequestReaderCallbackTests.WithSecret);

        // Act
        var response = await harness.StartAsync(WithCallback);

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(harness.ScheduledInput!.HasCallback);
        Assert.DoesNotContain(Token, JsonSerializer.Serialize(harness.ScheduledInput, FetchJson.Options), StringComparison.Ordinal);
        var (instanceId, callbackInput) = Assert.Single(harness.ScheduledCallbacks);
        Assert.Equal("with-callback:callback", instanceId);
        Assert.Equal(new FunctionsFetch.Jobs.Callbacks.FetchCallbackInput("with-callback", new FetchOptions().CallbackMaxAttempts), callbackInput);
        var target = await harness.Store.ReadCallbackTargetAsync("with-callback", CancellationToken.None);
        Assert.Equal(new CallbackTarget("https://hooks.example.test/done?token=secret-token-123", "http://localhost:7071"), target);
        Assert.True((await harness.Store.ReadManifestAsync("with-callback", CancellationToken.None))!.HasCallback);
    }

    [Fact]
    public async Task HandleAsync_CallbackUrl_IsInNoBlobButTheTarget()
    {
        // Arrange
        var harness = new ApiHarness(JobRequestReaderCallbackTests.WithSecret);

        // Act
        await harness.StartAsync(WithCallback);

        // Assert
        await foreach (var name in harness.Blobs.ListAsync(string.Empty, recursive: true, CancellationToken.None))
        {
            var content = (await harness.Blobs.DownloadAsync(name, CancellationToken.None))!.ToString();
            Assert.Equal(name == JobStoreLayout.CallbackTarget("with-callback"), content.Contains(Token, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task HandleAsync_NoCallbackUrl_SchedulesNoCallback()
    {
        // Arrange
        var harness = new ApiHarness(JobRequestReaderCallbackTests.WithSecret);

        // Act
        await harness.StartAsync("""{"jobId": "plain", "urls": ["https://example.test/a"]}""");

        // Assert
        Assert.False(harness.ScheduledInput!.HasCallback);
        Assert.Empty(harness.ScheduledCallbacks);
        Assert.Null(await harness.Store.ReadCallbackTargetAsync("plain", CancellationToken.None));
        Assert.False((await harness.Store.ReadManifestAsync("plain", CancellationToken.None))!.HasCallback);
    }

    [Fact]
    public async Task HandleAsync_SameJobIdOtherCallbackUrl_Answers409WithoutTheUrl()
    {
        // Arrange
        var harness = new ApiHarness(JobRequestReaderCallbackTests.WithSecret);
        await harness.StartAsync(WithCallback);
        harness.JobIs("with-callback", OrchestrationRuntimeStatus.Running);

        // Act
        var response = await harness.StartAsync(WithCallback.Replace("token=secret-token-123", "token=other", StringComparison.Ordinal));

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.DoesNotContain("token", response.Text, StringComparison.Ordinal);
        Assert.Equal(1, harness.ScheduleCount);
    }

    [Fact]
    public async Task HandleAsync_SameJobIdSameCallbackWhoseOrchestrationIsMissing_SchedulesItOnce()
    {
        // Arrange: a start that died after scheduling the job and before its callback orchestration.
        var harness = new ApiHarness(JobRequestReaderCallbackTests.WithSecret);
        await harness.StartAsync(WithCallback);
        harness.ScheduledCallbacks.Clear();
        harness.JobIs("with-callback", OrchestrationRuntimeStatus.Running);

        // Act
        var response = await harness.StartAsync(WithCallback);

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1, harness.ScheduleCount);
        Assert.Equal("with-callback:callback", Assert.Single(harness.ScheduledCallbacks).InstanceId);
    }

    // Every refusal of the reader's table, as the API answers it.
    [Theory]
    [MemberData(nameof(JobRequestReaderCallbackTests.BadCallbacks), MemberType = typeof(JobRequestReaderCallbackTests))]
    public async Task HandleAsync_BadCallbackUrl_Answers400AndStartsOrStoresNothing(string callbackJson, string expectedDetail)
    {
        // Arrange
        var harness = new ApiHarness(JobRequestReaderCallbackTests.WithSecret);
        var body = $$"""{"urls": ["https://example.test/a"], "options": {"callbackUrl": {{callbackJson}}} }""";

        // Act
        var response = await harness.StartAsync(body);

        // Assert
        await StartRefusal.AssertRefusedAsync(harness, response, expectedDetail, Token);
    }

    [Fact]
    public async Task HandleAsync_CallbackUrlWithoutASecretOnTheServer_Answers400AndStartsOrStoresNothing()
    {
        // Arrange
        var harness = new ApiHarness(new FetchOptions());

        // Act
        var response = await harness.StartAsync(WithCallback);

        // Assert
        await StartRefusal.AssertRefusedAsync(harness, response, "options.callbackUrl needs Fetch:CallbackSecret set on the server", Token);
    }
}
