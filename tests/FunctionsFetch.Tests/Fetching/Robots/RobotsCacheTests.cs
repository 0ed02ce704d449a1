using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using FunctionsFetch.Configuration;
using FunctionsFetch.Fetching.Robots;
using FunctionsFetch.Testing;
using FunctionsFetch.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FunctionsFetch.Tests.Fetching.Robots;

/// <summary>The per-process robots.txt cache against a real loopback server, through the fetch client and its guard.</summary>
public sealed class RobotsCacheTests : IAsyncLifetime
{
    private readonly ServiceProvider _services = TestServices.Build();
    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.Ordinal);
    private readonly AdvancingClock _clock = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task GetAsync_SameHostTwice_FetchesRobotsTxtOnceAndParsesIt()
    {
        // Arrange
        await using var server = await ServeAsync(context => Robots(context, "User-agent: FunctionsFetch\nDisallow: /private\nCrawl-delay: 3"));
        var cache = Cache();

        // Act
        var first = await cache.GetAsync(new Uri(server.Url("/a")), CancellationToken.None);
        var second = await cache.GetAsync(new Uri(server.Url("/b?c=d")), CancellationToken.None);

        // Assert
        Assert.Same(first, second);
        Assert.False(first.IsAllowed("/private/x"));
        Assert.Equal(TimeSpan.FromSeconds(3), first.CrawlDelay);
        Assert.Equal(1, Hits("/robots.txt"));
    }

    [Fact]
    public async Task GetAsync_ManyCallersAtOnce_ShareOneFetch()
    {
        // Arrange
        await using var server = await ServeAsync(async context =>
        {
            await Task.Delay(200);
            await Robots(context, "User-agent: *\nDisallow: /x");
        });
        var cache = Cache();

        // Act
        var all = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => cache.GetAsync(new Uri(server.Url($"/{i}")), CancellationToken.None)));

        // Assert
        Assert.All(all, rules => Assert.Same(all[0], rules));
        Assert.Equal(1, Hits("/robots.txt"));
    }

    [Fact]
    public async Task GetAsync_AfterTheTtl_FetchesAgain()
    {
        // Arrange
        await using var server = await ServeAsync(context => Robots(context, "User-agent: *\nDisallow: /x"));
        var cache = Cache(new FetchOptions { RobotsCacheMinutes = 60 });
        await cache.GetAsync(new Uri(server.Url("/")), CancellationToken.None);

        // Act
        _clock.Advance(TimeSpan.FromMinutes(59));
        await cache.GetAsync(new Uri(server.Url("/")), CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(2));
        await cache.GetAsync(new Uri(server.Url("/")), CancellationToken.None);

        // Assert
        Assert.Equal(2, Hits("/robots.txt"));
    }

    [Theory]
    [InlineData(404)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(410)]
    public async Task GetAsync_4xx_AllowsEverything(int status)
    {
        // Arrange
        await using var server = await ServeAsync(context => Answer(context, status));

        // Act
        var rules = await Cache().GetAsync(new Uri(server.Url("/")), CancellationToken.None);

        // Assert
        Assert.True(rules.IsAllowed("/anything"));
        Assert.Null(rules.Unavailable);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task GetAsync_5xx_DisallowsEverythingAfterOneAttemptAndAsksAgainLater(int status)
    {
        // Arrange
        await using var server = await ServeAsync(context => Answer(context, status));
        var logger = new RecordingLogger<RobotsCache>();
        var cache = Cache(new FetchOptions { RobotsUnavailableMinutes = 5 }, logger);

        // Act
        var rules = await cache.GetAsync(new Uri(server.Url("/")), CancellationToken.None);
        await cache.GetAsync(new Uri(server.Url("/")), CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(6));
        await cache.GetAsync(new Uri(server.Url("/")), CancellationToken.None);

        // Assert
        Assert.False(rules.IsAllowed("/anything"));
        Assert.Equal($"answered {status}", rules.Unavailable);
        Assert.Equal(2, Hits("/robots.txt"));
        var warnings = logger.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Equal($"robots.txt of http://127.0.0.1:{server.Port} answered {status}: its URLs are disallowed for 5 min", warnings[0]);
    }

    [Fact]
    public async Task GetAsync_NothingListening_DisallowsEverythingSayingWhy()
    {
        // Arrange
        var port = FunctionsFetch.Local.FreePorts.Next();

        // Act
        var rules = await Cache().GetAsync(new Uri($"http://127.0.0.1:{port}/page"), CancellationToken.None);

        // Assert
        Assert.False(rules.IsAllowed("/page"));
        Assert.StartsWith("could not be read (connect", rules.Unavailable, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_Redirected_ReadsTheRulesWhereItLeads()
    {
        // Arrange
        await using var server = await ServeAsync(context =>
        {
            // /robots.txt → /hop/1 → … → /hop/5, which answers: five redirects.
            var path = context.Request.Path.Value!;
            var hop = path == "/robots.txt" ? 0 : int.Parse(path["/hop/".Length..], CultureInfo.InvariantCulture);
            if (hop < RobotsCache.MaxRedirects)
            {
                context.Response.Redirect($"/hop/{hop + 1}");
                return Task.CompletedTask;
            }

            return Robots(context, "User-agent: *\nDisallow: /moved");
        });

        // Act
        var rules = await Cache().GetAsync(new Uri(server.Url("/")), CancellationToken.None);

        // Assert
        Assert.False(rules.IsAllowed("/moved"));
        Assert.Equal(RobotsCache.MaxRedirects + 1, _hits.Values.Sum());
    }

    [Fact]
    public async Task GetAsync_RedirectedInALoop_AllowsEverything()
    {
        // Arrange
        await using var server = await ServeAsync(context =>
        {
            context.Response.Redirect("/robots.txt");
            return Task.CompletedTask;
        });

        // Act
        var rules = await Cache().GetAsync(new Uri(server.Url("/")), CancellationToken.None);

        // Assert
        Assert.True(rules.IsAllowed("/anything"));
        Assert.Equal(RobotsCache.MaxRedirects + 1, Hits("/robots.txt"));
    }

    [Fact]
    public async Task GetAsync_TargetTheGuardRefuses_AllowsSoTheFetchReportsBlocked()
    {
        // Arrange
        await using var guarded = TestServices.Build(new Dictionary<string, string?> { ["Fetch:AllowPrivateNetworks"] = "false" });
        await using var server = await ServeAsync(context => Robots(context, "User-agent: *\nDisallow: /"));
        var cache = new RobotsCache(guarded.GetRequiredService<IHttpClientFactory>(), Options.Create(new FetchOptions()), NullLogger<RobotsCache>.Instance, _clock);

        // Act
        var rules = await cache.GetAsync(new Uri(server.Url("/")), CancellationToken.None);

        // Assert
        Assert.True(rules.IsAllowed("/"));
        Assert.Equal(0, Hits("/robots.txt"));
    }

    [Fact]
    public async Task GetAsync_OtherPortOfTheSameHost_IsAnotherAuthority()
    {
        // Arrange
        await using var first = await ServeAsync(context => Robots(context, "User-agent: *\nDisallow: /one"));
        await using var second = await LoopbackServer.StartAsync(context => Robots(context, "User-agent: *\nDisallow: /two"));
        var cache = Cache();

        // Act
        var one = await cache.GetAsync(new Uri(first.Url("/")), CancellationToken.None);
        var two = await cache.GetAsync(new Uri(second.Url("/")), CancellationToken.None);

        // Assert
        Assert.False(one.IsAllowed("/one"));
        Assert.True(one.IsAllowed("/two"));
        Assert.False(two.IsAllowed("/two"));
    }

    [Fact]
    public async Task GetAsync_UrlWithUserInfo_AsksForRobotsTxtWithoutIt()
    {
        // Arrange
        string? authorization = "unset";
        await using var server = await ServeAsync(context =>
        {
            authorization = context.Request.Headers.Authorization.ToString();
            return Robots(context, "User-agent: *\nDisallow: /x");
        });
        var target = new UriBuilder(server.Url("/page")) { UserName = "user", Password = "secret" }.Uri;

        // Act
        var rules = await Cache().GetAsync(target, CancellationToken.None);

        // Assert
        Assert.False(rules.IsAllowed("/x"));
        Assert.Equal(string.Empty, authorization);
        Assert.Equal(1, Hits("/robots.txt"));
    }

    private static Task Answer(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    private static Task Robots(HttpContext context, string text)
    {
        context.Response.ContentType = "text/plain";
        return context.Response.WriteAsync(text);
    }

    private RobotsCache Cache(FetchOptions? options = null, ILogger<RobotsCache>? logger = null) =>
        new(_services.GetRequiredService<IHttpClientFactory>(), Options.Create(options ?? new FetchOptions()), logger ?? NullLogger<RobotsCache>.Instance, _clock);

    private Task<LoopbackServer> ServeAsync(RequestDelegate handler) => LoopbackServer.StartAsync(context =>
    {
        _hits.AddOrUpdate(context.Request.Path.Value ?? "/", 1, (_, n) => n + 1);
        return handler(context);
    });

    private int Hits(string path) => _hits.GetValueOrDefault(path);
}
