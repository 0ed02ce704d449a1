using System.Collections.Concurrent;
using System.Text.Json;
using FunctionsFetch.IntegrationTests.Infrastructure;
using FunctionsFetch.Local;
using FunctionsFetch.Storage;
using FunctionsFetch.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsFetch.IntegrationTests.Jobs;

/// <summary>
/// A job's method and headers on the local host over Azurite: HEAD and its GET fallback reach the target, the headers
/// reach it too, and their values are in no history, input, status, result or log line.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class RequestShapeJobTests(AzuriteFixture azurite) : IAsyncLifetime, IDisposable
{
    private const string Secret = "secret-token-123";

    private static readonly object SecretHeaders = new Dictionary<string, string>
    {
        ["Authorization"] = $"Bearer {Secret}",
        ["X-Custom"] = "v",
    };

    private readonly CapturedLogs _logs = new();
    private readonly ConcurrentQueue<string> _seen = new();
    private InProcessHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await InProcessHost.StartAsync(new HostSettings(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next()), _logs);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose() => _logs.Dispose();

    [Fact]
    public async Task Job_Head_Results200WithNoBodyAndTheTargetSawHeadOnly()
    {
        // Arrange
        await using var target = await LoopbackServer.StartAsync(async context =>
        {
            _seen.Enqueue(context.Request.Method);
            context.Response.Headers.ETag = "\"e1\"";
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await context.Response.WriteAsync("a body HEAD never reads");
            }
        });

        // Act
        var done = await RunAsync([target.Url("/a"), target.Url("/b")], new { method = "HEAD" });

        // Assert
        Assert.Equal(["HEAD", "HEAD"], _seen);
        Assert.All(done.Results, r =>
        {
            Assert.Equal(200, r.StatusCode);
            Assert.Equal(0, r.Bytes);
            Assert.Null(r.Sha256);
            Assert.Equal("\"e1\"", r.ETag);
        });
    }

    [Fact]
    public async Task Job_HeadAnswered405_FallsBackToGet()
    {
        // Arrange
        await using var target = await LoopbackServer.StartAsync(async context =>
        {
            _seen.Enqueue(context.Request.Method);
            if (HttpMethods.IsHead(context.Request.Method))
            {
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                return;
            }

            await context.Response.WriteAsync("four");
        });

        // Act
        var done = await RunAsync([target.Url("/no-head")], new { method = "HEAD" });

        // Assert
        Assert.Equal(["HEAD", "GET"], _seen);
        var result = Assert.Single(done.Results);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal(4, result.Bytes);
    }

    [Fact]
    public async Task Job_Headers_ReachTheTargetButNoHistoryStatusResultsOrLogs()
    {
        // Arrange
        await using var target = await LoopbackServer.StartAsync(context =>
        {
            _seen.Enqueue($"{context.Request.Headers.Authorization}|{context.Request.Headers["X-Custom"]}|{context.Request.Headers.UserAgent}");
            return Task.CompletedTask;
        });

        // Act
        var done = await RunAsync([target.Url("/private")], new { headers = SecretHeaders });

        // Assert
        Assert.Equal([$"Bearer {Secret}|v|{Fetching.FetchUserAgent.Value}"], _seen);
        Assert.Equal(200, Assert.Single(done.Results).StatusCode);
        var history = await GetTextAsync($"/runtime/webhooks/durabletask/instances/{done.Id}?showHistory=true&showHistoryOutput=true&showInput=true");
        Assert.Contains("\"hasHeaders\":true", history, StringComparison.Ordinal);
        Assert.Contains("historyEvents", history, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, history, StringComparison.Ordinal);
        foreach (var format in new[] { "json", "ndjson", "csv" })
        {
            Assert.DoesNotContain(Secret, await GetTextAsync($"/api/fetch/{done.Id}?format={format}"), StringComparison.Ordinal);
        }

        Assert.NotEmpty(_logs.Lines);
        Assert.DoesNotContain(_logs.Lines, line => line.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Job_RedirectToAnotherHost_DoesNotCarryAuthorization()
    {
        // Arrange: another port is another authority (scheme, host and port).
        await using var other = await LoopbackServer.StartAsync(context =>
        {
            _seen.Enqueue($"other {context.Request.Headers.Authorization}|{context.Request.Headers["X-Custom"]}");
            return Task.CompletedTask;
        });
        await using var origin = await LoopbackServer.StartAsync(context =>
        {
            _seen.Enqueue($"origin {context.Request.Headers.Authorization}|{context.Request.Headers["X-Custom"]}");
            context.Response.Redirect(other.Url("/landed"));
            return Task.CompletedTask;
        });

        // Act
        var done = await RunAsync([origin.Url("/start")], new { headers = SecretHeaders });

        // Assert
        Assert.Equal([$"origin Bearer {Secret}|v", "other |v"], _seen);
        Assert.Equal(other.Url("/landed"), Assert.Single(done.Results).FinalUrl);
    }

    [Fact]
    public async Task RetryAndRestart_JobWithHeaders_SendTheSameHeadersAgain()
    {
        // Arrange: the first answer fails, so the job has a URL to retry.
        var hits = 0;
        await using var target = await LoopbackServer.StartAsync(context =>
        {
            _seen.Enqueue(context.Request.Headers.Authorization.ToString());
            context.Response.StatusCode = Interlocked.Increment(ref hits) == 1 ? 500 : 200;
            return Task.CompletedTask;
        });
        var first = await RunAsync([target.Url("/flaky")], new { headers = SecretHeaders, maxAttempts = 1 });

        // Act
        var retry = await _host.Api.RetryFailedAsync(first.Id);
        await _host.Api.WaitForResultsAsync(retry.Id, Polling.Within(TimeSpan.FromMinutes(1)));
        using var restart = await _host.Http.PostAsync(new Uri($"/runtime/webhooks/durabletask/instances/{first.Id}/restart", UriKind.Relative), null);
        restart.EnsureSuccessStatusCode();
        using var restarted = JsonDocument.Parse(await restart.Content.ReadAsStringAsync());
        var restartedId = restarted.RootElement.GetProperty("id").GetString()!;
        await Eventually.HoldsAsync(() => _seen.Count == 3);

        // Assert: the restarted job also keeps a copy, for a retry of its own failed URLs.
        Assert.Equal(Enumerable.Repeat($"Bearer {Secret}", 3), _seen);
        var copied = await _host.Services.GetRequiredService<JobStore>().ReadHeadersAsync(restartedId, CancellationToken.None);
        Assert.Equal(["Authorization", "X-Custom"], copied!.Names);
    }

    private async Task<Client.FetchResults> RunAsync(string[] urls, object options)
    {
        var started = await _host.Api.StartAsync(urls, options);
        var done = await _host.Api.WaitForResultsAsync(started.Id, Polling.Within(TimeSpan.FromMinutes(1)));
        Assert.Equal("Completed", done.RuntimeStatus);
        return done;
    }

    private async Task<string> GetTextAsync(string pathAndQuery)
    {
        using var response = await _host.Http.GetAsync(new Uri(pathAndQuery, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }
}
