using System.Collections.Concurrent;
using FunctionsFetch.Configuration;
using FunctionsFetch.Fetching;
using FunctionsFetch.Testing;
using FunctionsFetch.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Tests.Fetching;

/// <summary>The job's method and headers on the wire: HEAD and its GET fallback, the headers sent, and where credentials stop.</summary>
public sealed class UrlFetcherRequestShapeTests : IAsyncLifetime
{
    private static readonly JobSettings Get = new() { TimeoutSeconds = 5, MaxAttempts = 1, MaxRedirects = 2, MaxBodyBytes = 1024 };
    private static readonly JobSettings Head = Get with { Method = FetchMethods.Head };

    private readonly ServiceProvider _services = TestServices.Build();
    private readonly ConcurrentQueue<string> _seen = new();

    private UrlFetcher Fetcher => _services.GetRequiredService<UrlFetcher>();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task FetchAsync_Head_RecordsStatusAndValidatorsWithNoBody()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            _seen.Enqueue(context.Request.Method);
            context.Response.ContentType = "text/html";
            context.Response.Headers.ETag = "\"v1\"";
            context.Response.Headers.LastModified = "Mon, 30 Nov 2026 08:15:00 GMT";
            context.Response.ContentLength = 5000;
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await context.Response.WriteAsync(new string('x', 5000));
            }
        });

        // Act
        var result = await FetchAsync(server.Url("/page"), Head);

        // Assert: a HEAD's Content-Length is no body read, so maxBodyBytes does not apply.
        Assert.Equal(["HEAD"], _seen);
        Assert.Null(result.Error);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal(0, result.Bytes);
        Assert.Null(result.Sha256);
        Assert.Equal("text/html", result.ContentType);
        Assert.Equal("\"v1\"", result.ETag);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 8, 15, 0, TimeSpan.Zero), result.LastModified);
    }

    [Theory]
    [InlineData(405)]
    [InlineData(501)]
    public async Task FetchAsync_HeadRefused_FallsBackToGetOnceAndReadsTheBody(int refusal)
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            _seen.Enqueue(context.Request.Method);
            if (HttpMethods.IsHead(context.Request.Method))
            {
                context.Response.StatusCode = refusal;
                return;
            }

            await context.Response.WriteAsync("hello");
        });

        // Act
        var result = await FetchAsync(server.Url("/page"), Head);

        // Assert
        Assert.Equal(["HEAD", "GET"], _seen);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal(5, result.Bytes);
        Assert.NotNull(result.Sha256);
        Assert.Equal(2, result.Attempts);
    }

    [Fact]
    public async Task FetchAsync_HeadAnswered501WithAttemptsLeft_FallsBackAtOnceWithoutRetryingHead()
    {
        // Arrange: 501 is a 5xx, which is otherwise retried.
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            _seen.Enqueue(context.Request.Method);
            context.Response.StatusCode = HttpMethods.IsHead(context.Request.Method) ? 501 : 200;
            return Task.CompletedTask;
        });

        // Act
        var result = await FetchAsync(server.Url("/page"), Head with { MaxAttempts = 3 });

        // Assert
        Assert.Equal(["HEAD", "GET"], _seen);
        Assert.Equal(200, result.StatusCode);
    }

    [Fact]
    public async Task FetchAsync_GetAnswered405_DoesNotRetry()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            _seen.Enqueue(context.Request.Method);
            context.Response.StatusCode = 405;
            return Task.CompletedTask;
        });

        // Act
        var result = await FetchAsync(server.Url("/page"), Get);

        // Assert
        Assert.Equal(["GET"], _seen);
        Assert.Equal(405, result.StatusCode);
    }

    [Fact]
    public async Task FetchAsync_JobHeaders_ReachTheTargetAndTheirUserAgentReplacesTheDefault()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            _seen.Enqueue($"{context.Request.Headers.Authorization}|{context.Request.Headers["X-Custom"]}|{context.Request.Headers.UserAgent}|{context.Request.Headers.AcceptLanguage}");
            return Task.CompletedTask;
        });
        var headers = new RequestHeaders([new("Authorization", "Bearer t0ken"), new("X-Custom", "v"), new("User-Agent", "checker/1"), new("Accept-Language", "fr")]);

        // Act
        await FetchAsync(server.Url("/page"), Get, headers);

        // Assert
        Assert.Equal(["Bearer t0ken|v|checker/1|fr"], _seen);
    }

    [Fact]
    public async Task FetchAsync_NoJobUserAgent_SendsFunctionsFetchAndItsVersion()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            _seen.Enqueue(context.Request.Headers.UserAgent.ToString());
            return Task.CompletedTask;
        });

        // Act
        await FetchAsync(server.Url("/page"), Get);

        // Assert
        Assert.Equal([FetchUserAgent.Value], _seen);
        Assert.Matches(@"^FunctionsFetch/\d+\.\d+", FetchUserAgent.Value);
    }

    [Fact]
    public async Task FetchAsync_RedirectToAnotherAuthority_DropsAuthorizationKeepsOtherHeaders()
    {
        // Arrange: another port is another authority.
        await using var other = await LoopbackServer.StartAsync(context =>
        {
            _seen.Enqueue($"other:{context.Request.Headers.Authorization}|{context.Request.Headers["X-Custom"]}");
            return Task.CompletedTask;
        });
        await using var origin = await LoopbackServer.StartAsync(context =>
        {
            _seen.Enqueue($"origin:{context.Request.Headers.Authorization}|{context.Request.Headers["X-Custom"]}");
            context.Response.Redirect(context.Request.Path == "/start" ? "/same" : other.Url("/landed"));
            return Task.CompletedTask;
        });

        // Act
        var result = await FetchAsync(origin.Url("/start"), Get, new RequestHeaders([new("Authorization", "Bearer t0ken"), new("X-Custom", "v")]));

        // Assert
        Assert.Equal(["origin:Bearer t0ken|v", "origin:Bearer t0ken|v", "other:|v"], _seen);
        Assert.Equal(other.Url("/landed"), result.FinalUrl);
    }

    [Fact]
    public async Task FetchAsync_TraceLogging_LogsNoRequestSoNoHeaderValue()
    {
        // Arrange: every log level on; the fetch client has no client-factory log handlers (a cost per URL).
        var lines = new ConcurrentQueue<string>();
        await using var services = TestServices.Build(logging: logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new LineLoggerProvider(lines)));
        await using var server = await LoopbackServer.StartAsync(_ => Task.CompletedTask);
        var headers = new RequestHeaders([new("Authorization", "Bearer secret-token-123"), new("X-Api-Key", "secret-key-456")]);
        var url = server.Url("/logged-nowhere");

        // Act
        var fetch = await services.GetRequiredService<UrlFetcher>().FetchOrHandBackAsync(0, url, Get, headers, null, 0, TimeSpan.Zero, jobId: null, CancellationToken.None);

        // Assert
        Assert.Equal(200, fetch.Result.StatusCode);
        Assert.DoesNotContain(lines, line => line.Contains("/logged-nowhere", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains("secret", StringComparison.Ordinal));
    }

    private async Task<UrlResult> FetchAsync(string url, JobSettings settings, RequestHeaders? headers = null) =>
        (await Fetcher.FetchOrHandBackAsync(0, url, settings, headers, bodies: null, priorAttempts: 0, handBackAfter: TimeSpan.Zero, jobId: null, CancellationToken.None)).Result;
}
