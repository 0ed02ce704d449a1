using System.Collections.Concurrent;
using System.Diagnostics;
using FunctionsFetch.Configuration;
using FunctionsFetch.Fetching;
using FunctionsFetch.Testing;
using FunctionsFetch.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsFetch.Tests.Fetching.Robots;

/// <summary>The fetcher for jobs with <c>respectRobots</c>: disallowed URLs are never requested, Crawl-delay spaces the rest.</summary>
public sealed class UrlFetcherRobotsTests : IAsyncLifetime
{
    private static readonly JobSettings Respecting = new() { TimeoutSeconds = 5, MaxAttempts = 2, MaxRedirects = 3, RespectRobots = true };

    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.Ordinal);
    private ServiceProvider _services = TestServices.Build();

    private UrlFetcher Fetcher => _services.GetRequiredService<UrlFetcher>();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task FetchAsync_DisallowedPath_EndsDisallowedByRobotsNamingTheRuleAndNeverRequestsIt()
    {
        // Arrange
        await using var server = await ServeAsync("User-agent: FunctionsFetch\nDisallow: /private/");

        // Act
        var result = await Fetcher.FetchAsync(3, server.Url("/private/report"), Respecting, CancellationToken.None);

        // Assert
        Assert.Equal(FetchErrorKind.DisallowedByRobots, result.Error?.Kind);
        Assert.Contains("Disallow: /private/", result.Error!.Message, StringComparison.Ordinal);
        Assert.True(result.IsFailure);
        Assert.Equal(0, result.Attempts);
        Assert.Null(result.StatusCode);
        Assert.Equal(0, Hits("/private/report"));
        Assert.Equal(1, Hits("/robots.txt"));
    }

    [Fact]
    public async Task FetchAsync_AllowedPath_IsFetched()
    {
        // Arrange
        await using var server = await ServeAsync("User-agent: *\nDisallow: /private/");

        // Act
        var result = await Fetcher.FetchAsync(0, server.Url("/public"), Respecting, CancellationToken.None);

        // Assert
        Assert.Null(result.Error);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal(1, Hits("/public"));
    }

    [Fact]
    public async Task FetchAsync_RespectRobotsOff_NeverAsksForRobotsTxt()
    {
        // Arrange
        await using var server = await ServeAsync("User-agent: *\nDisallow: /");

        // Act
        var result = await Fetcher.FetchAsync(0, server.Url("/page"), Respecting with { RespectRobots = false }, CancellationToken.None);

        // Assert
        Assert.Equal(200, result.StatusCode);
        Assert.Equal(0, Hits("/robots.txt"));
    }

    [Fact]
    public async Task FetchAsync_RedirectToADisallowedPath_StopsBeforeTheHop()
    {
        // Arrange
        await using var server = await ServeAsync("User-agent: *\nDisallow: /private/", redirects: ("/go", "/private/x"));

        // Act
        var result = await Fetcher.FetchAsync(0, server.Url("/go"), Respecting, CancellationToken.None);

        // Assert
        Assert.Equal(FetchErrorKind.DisallowedByRobots, result.Error?.Kind);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(1, Hits("/go"));
        Assert.Equal(0, Hits("/private/x"));
    }

    [Fact]
    public async Task FetchAsync_RedirectToAnotherHost_AsksThatHostsRobotsTxt()
    {
        // Arrange: the first host has no robots.txt; the one it redirects to (another port) disallows the target.
        await using var other = await ServeAsync("User-agent: *\nDisallow: /elsewhere");
        await using var first = await LoopbackServer.StartAsync(context =>
        {
            if (context.Request.Path == "/robots.txt")
            {
                context.Response.StatusCode = 404;
            }
            else
            {
                context.Response.Redirect(other.Url("/elsewhere"));
            }

            return Task.CompletedTask;
        });

        // Act
        var result = await Fetcher.FetchAsync(0, first.Url("/go"), Respecting, CancellationToken.None);

        // Assert
        Assert.Equal(FetchErrorKind.DisallowedByRobots, result.Error?.Kind);
        Assert.Contains($"127.0.0.1:{other.Port}/robots.txt", result.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(1, Hits("/robots.txt"));
        Assert.Equal(0, Hits("/elsewhere"));
    }

    [Fact]
    public async Task FetchAsync_RobotsTxtAnswers503_DisallowsEveryPathSayingWhy()
    {
        // Arrange
        await using var server = await ServeAsync(robots: null);

        // Act
        var result = await Fetcher.FetchAsync(0, server.Url("/page"), Respecting, CancellationToken.None);

        // Assert
        Assert.Equal(FetchErrorKind.DisallowedByRobots, result.Error?.Kind);
        Assert.Contains("answered 503", result.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(0, Hits("/page"));
    }

    [Fact]
    public async Task FetchAsync_CrawlDelay_SpacesTheRequestsToTheHost()
    {
        // Arrange
        await using var server = await ServeAsync("User-agent: *\nCrawl-delay: 0.3");
        var stopwatch = Stopwatch.StartNew();

        // Act
        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => Fetcher.FetchAsync(i, server.Url($"/{i}"), Respecting, CancellationToken.None)));

        // Assert
        Assert.All(results, r => Assert.Equal(200, r.StatusCode));
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(550), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task FetchAsync_CrawlDelayAboveTheCap_WaitsOnlyTheCap()
    {
        // Arrange
        await _services.DisposeAsync();
        _services = TestServices.Build(new Dictionary<string, string?> { ["Fetch:MaxCrawlDelaySeconds"] = "1" });
        await using var server = await ServeAsync("User-agent: *\nCrawl-delay: 3600");
        await Fetcher.FetchAsync(0, server.Url("/first"), Respecting, CancellationToken.None);
        var stopwatch = Stopwatch.StartNew();

        // Act
        var second = await Fetcher.FetchAsync(1, server.Url("/second"), Respecting, CancellationToken.None);

        // Assert
        Assert.Equal(200, second.StatusCode);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(800), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task FetchOrHandBackAsync_HostHeldByRetryAfter_StillReadsRobotsAndHandsTheUrlBackInsteadOfDisallowingIt()
    {
        // Arrange: a 429 with Retry-After: 30 holds the host, longer than robots.txt's 10 s timeout.
        await using var server = await ServeAsync("User-agent: *\nDisallow: /private/");
        await Fetcher.FetchAsync(0, server.Url("/throttle"), new JobSettings { TimeoutSeconds = 5, MaxAttempts = 1 }, CancellationToken.None);

        // Act
        var fetch = await Fetcher.FetchOrHandBackAsync(1, server.Url("/page"), Respecting, bodies: null, priorAttempts: 0, TimeSpan.FromSeconds(5), jobId: "job-1", CancellationToken.None);

        // Assert: robots.txt was read past the hold, and the URL waits for the hold on a durable timer.
        Assert.True(fetch.IsHandedBack);
        Assert.Equal(1, Hits("/robots.txt"));
        Assert.Equal(0, Hits("/page"));
    }

    /// <param name="robots">The robots.txt served; null answers it 503.</param>
    /// <param name="redirects">A path that redirects, and where to.</param>
    private Task<LoopbackServer> ServeAsync(string? robots, (string From, string To)? redirects = null) => LoopbackServer.StartAsync(context =>
    {
        var path = context.Request.Path.Value ?? "/";
        _hits.AddOrUpdate(path, 1, (_, n) => n + 1);
        if (path == "/robots.txt")
        {
            context.Response.StatusCode = robots is null ? 503 : 200;
            return context.Response.WriteAsync(robots ?? string.Empty);
        }

        if (path == "/throttle")
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = "30";
            return Task.CompletedTask;
        }

        if (redirects is { } redirect && path == redirect.From)
        {
            context.Response.Redirect(redirect.To);
            return Task.CompletedTask;
        }

        return context.Response.WriteAsync("page");
    });

    private int Hits(string path) => _hits.GetValueOrDefault(path);
}
