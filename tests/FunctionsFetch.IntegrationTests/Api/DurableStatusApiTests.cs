using System.Net;
using System.Text;
using System.Text.Json;
using FunctionsFetch.IntegrationTests.Infrastructure;
using FunctionsFetch.Local;
using FunctionsFetch.Testing;

namespace FunctionsFetch.IntegrationTests.Api;

/// <summary>The Durable Functions instance API as the local host serves it: codes, shapes, paging and purge.</summary>
[Collection(AzuriteTests.Name)]
public sealed class DurableStatusApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private LatencyTarget _target = null!;
    private InProcessHost _host = null!;

    private HttpClient Http => _host.Http;

    public async Task InitializeAsync()
    {
        _target = await LatencyTarget.StartAsync(TimeSpan.FromMilliseconds(10));
        _host = await InProcessHost.StartAsync(new HostSettings(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next()));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _target.DisposeAsync();
    }

    [Fact]
    public async Task GetInstance_RunningThenCompleted_Answers202WithLocationThen200WithShape()
    {
        // Arrange
        var payload = await _host.Api.StartAsync([_target.Url("slow", TimeSpan.FromSeconds(3))]);
        var statusUri = new Uri(payload.StatusQueryGetUri);

        // Act
        using var running = await Http.GetAsync(statusUri);
        var done = await PollUntilDoneAsync(statusUri);

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, running.StatusCode);
        Assert.Equal(statusUri, running.Headers.Location);
        Assert.NotNull(running.Headers.RetryAfter);
        Assert.Equal(
            ["name", "instanceId", "runtimeStatus", "input", "customStatus", "output", "createdTime", "lastUpdatedTime"],
            done.EnumerateObject().Select(p => p.Name));
        Assert.Equal("FetchOrchestrator", done.GetProperty("name").GetString());
        Assert.Equal("Completed", done.GetProperty("runtimeStatus").GetString());
        Assert.Equal(1, done.GetProperty("output").GetProperty("total").GetInt32());
        Assert.Equal(1, done.GetProperty("customStatus").GetProperty("completed").GetInt32());
        Assert.Equal(1, done.GetProperty("input").GetProperty("urlCount").GetInt32());
    }

    [Fact]
    public async Task GetInstance_ShowInputFalseAndShowHistory_LeavesInputOutAndListsHistory()
    {
        // Arrange
        var id = (await _host.Api.StartAsync([_target.Url("history")])).Id;
        await _host.Api.WaitForResultsAsync(id, Polling.Within(TimeSpan.FromMinutes(1)));

        // Act
        using var response = await Http.GetAsync(new Uri($"/runtime/webhooks/durabletask/instances/{id}?showInput=false&showHistory=true", UriKind.Relative));
        var body = await ReadJsonAsync(response);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("input").ValueKind);
        Assert.NotEmpty(body.GetProperty("historyEvents").EnumerateArray());
    }

    [Fact]
    public async Task GetInstance_UnknownId_Answers404()
    {
        // Act
        using var response = await Http.GetAsync(new Uri("/runtime/webhooks/durabletask/instances/no-such-instance", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Terminate_RunningThenFinished_Answers202Then410()
    {
        // Arrange
        var payload = await _host.Api.StartAsync([_target.Url("terminate-me", TimeSpan.FromSeconds(20))]);
        var id = payload.Id;
        var terminateUri = payload.TerminatePostUri.Replace("{text}", "enough", StringComparison.Ordinal);

        // Act
        using var first = await Http.PostAsync(new Uri(terminateUri), null);
        var done = await PollUntilDoneAsync(new Uri(payload.StatusQueryGetUri));
        using var second = await Http.PostAsync(new Uri(terminateUri), null);
        using var unknown = await Http.PostAsync(new Uri("/runtime/webhooks/durabletask/instances/no-such-instance/terminate", UriKind.Relative), null);

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal("Terminated", done.GetProperty("runtimeStatus").GetString());
        Assert.Equal(HttpStatusCode.Gone, second.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var job = await _host.Api.WaitForResultsAsync(id, Polling.Within(TimeSpan.FromMinutes(1)));
        Assert.Equal("Terminated", job.RuntimeStatus);
        Assert.Equal("enough", job.Reason);
    }

    [Fact]
    public async Task SuspendResumeAndRaiseEvent_Running_Answer202AndStatusFollows()
    {
        // Arrange
        var payload = await _host.Api.StartAsync([_target.Url("pause", TimeSpan.FromSeconds(6))]);
        var statusUri = new Uri(payload.StatusQueryGetUri);
        var suspendUri = new Uri(payload.SuspendPostUri.Replace("{text}", "hold", StringComparison.Ordinal));
        var resumeUri = new Uri(payload.ResumePostUri.Replace("{text}", "go", StringComparison.Ordinal));
        var eventUri = new Uri(payload.SendEventPostUri.Replace("{eventName}", "Nudge", StringComparison.Ordinal));

        // Act
        using var suspend = await Http.PostAsync(suspendUri, null);
        var suspended = await PollUntilAsync(statusUri, "Suspended");
        using var resume = await Http.PostAsync(resumeUri, null);
        var resumed = await PollUntilAsync(statusUri, "Running");
        using var raise = await Http.PostAsync(eventUri, new StringContent("{\"why\":\"test\"}", Encoding.UTF8, "application/json"));
        using var badEvent = await Http.PostAsync(eventUri, new StringContent("{not json", Encoding.UTF8, "application/json"));
        var done = await PollUntilDoneAsync(statusUri);
        using var lateEvent = await Http.PostAsync(eventUri, new StringContent("{}", Encoding.UTF8, "application/json"));

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, suspend.StatusCode);
        Assert.Equal("Suspended", suspended.GetProperty("runtimeStatus").GetString());
        Assert.Equal(HttpStatusCode.Accepted, resume.StatusCode);
        Assert.Equal("Running", resumed.GetProperty("runtimeStatus").GetString());
        Assert.Equal(HttpStatusCode.Accepted, raise.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badEvent.StatusCode);
        Assert.Equal("Completed", done.GetProperty("runtimeStatus").GetString());
        Assert.Equal(HttpStatusCode.Gone, lateEvent.StatusCode);
    }

    [Fact]
    public async Task List_TopTwo_PagesThroughContinuationTokens()
    {
        // Arrange
        var ids = await StartCompletedJobsAsync(_host, 5);

        // Act
        var (seen, pages, token) = await ListAllCompletedAsync(Http);

        // Assert
        Assert.Null(token);
        Assert.True(pages >= 3, $"{pages} pages");
        Assert.Subset(seen.ToHashSet(), ids.ToHashSet());
    }

    [Fact]
    public async Task List_InMemoryEngineTopTwo_PagesThroughContinuationTokens()
    {
        // Arrange
        await using var host = await InProcessHost.StartAsync(new HostSettings(AzuriteFixture.NewHubName(), storage: null, FreePorts.Next()));
        var ids = await StartCompletedJobsAsync(host, 5);

        // Act
        var (seen, pages, token) = await ListAllCompletedAsync(host.Http);

        // Assert
        Assert.Null(token);
        Assert.Equal(3, pages);
        Assert.Equal(ids.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("eyJuZXh0IjoiMTAwIn0")]
    public async Task List_ContinuationTokenItDidNotHandOut_Answers400(string token)
    {
        // Arrange
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/runtime/webhooks/durabletask/instances", UriKind.Relative));
        request.Headers.Add("x-ms-continuation-token", token);

        // Act
        using var response = await Http.SendAsync(request);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("not a token this API handed out", (await ReadJsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_BadRuntimeStatus_Answers400()
    {
        // Act
        using var response = await Http.GetAsync(new Uri("/runtime/webhooks/durabletask/instances?runtimeStatus=Sleeping", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Sleeping", (await ReadJsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Purge_CompletedThenAgain_Answers200WithCountThen404()
    {
        // Arrange
        var payload = await _host.Api.StartAsync([_target.Url("purge-me")]);
        var id = payload.Id;
        await _host.Api.WaitForResultsAsync(id, Polling.Within(TimeSpan.FromMinutes(1)));
        var purgeUri = new Uri(payload.PurgeHistoryDeleteUri);

        // Act
        using var first = await Http.DeleteAsync(purgeUri);
        var firstBody = await ReadJsonAsync(first);
        using var second = await Http.DeleteAsync(purgeUri);
        using var after = await Http.GetAsync(new Uri($"/api/fetch/{id}", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(1, firstBody.GetProperty("instancesDeleted").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Fact]
    public async Task Purge_Running_Answers409AndKeepsTheJob()
    {
        // Arrange
        var payload = await _host.Api.StartAsync([_target.Url("still-running", TimeSpan.FromSeconds(3))]);

        // Act
        using var response = await Http.DeleteAsync(new Uri(payload.PurgeHistoryDeleteUri));
        var done = await _host.Api.WaitForResultsAsync(payload.Id, Polling.Within(TimeSpan.FromMinutes(1)));

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("Completed", done.RuntimeStatus);
    }

    private async Task<List<string>> StartCompletedJobsAsync(InProcessHost host, int count)
    {
        var prefix = "page" + Guid.NewGuid().ToString("N")[..6];
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add((await host.Api.StartAsync([_target.Url($"{prefix}{i}")])).Id);
        }

        foreach (var id in ids)
        {
            await host.Api.WaitForResultsAsync(id, Polling.Within(TimeSpan.FromMinutes(1)));
        }

        return ids;
    }

    /// <summary>Lists completed instances two at a time, following the continuation token (at most 20 pages).</summary>
    private static async Task<(List<string> Seen, int Pages, string? LastToken)> ListAllCompletedAsync(HttpClient http)
    {
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/runtime/webhooks/durabletask/instances?top=2&runtimeStatus=Completed", UriKind.Relative));
            if (token is not null)
            {
                request.Headers.Add("x-ms-continuation-token", token);
            }

            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await ReadJsonAsync(response);
            Assert.InRange(page.GetArrayLength(), 0, 2);
            seen.AddRange(page.EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()!));
            token = response.Headers.TryGetValues("x-ms-continuation-token", out var values) ? values.Single() : null;
            pages++;
        }
        while (token is not null && pages < 20);

        return (seen, pages, token);
    }

    private async Task<JsonElement> PollUntilDoneAsync(Uri statusUri)
    {
        for (var i = 0; i < 600; i++)
        {
            using var response = await Http.GetAsync(statusUri);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return await ReadJsonAsync(response);
            }

            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            await Task.Delay(100);
        }

        throw new TimeoutException($"{statusUri} never finished.");
    }

    private async Task<JsonElement> PollUntilAsync(Uri statusUri, string runtimeStatus)
    {
        for (var i = 0; i < 300; i++)
        {
            using var response = await Http.GetAsync(statusUri);
            var body = await ReadJsonAsync(response);
            if (body.GetProperty("runtimeStatus").GetString() == runtimeStatus)
            {
                return body;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{statusUri} never became {runtimeStatus}.");
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
