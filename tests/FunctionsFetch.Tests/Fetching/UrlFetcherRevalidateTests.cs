using System.Collections.Concurrent;
using FunctionsFetch.Configuration;
using FunctionsFetch.Fetching;
using FunctionsFetch.Testing;
using FunctionsFetch.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsFetch.Tests.Fetching;

/// <summary>A revalidating fetch: the earlier result's validators go to the URL it came from, and a 304 keeps its body's facts.</summary>
public sealed class UrlFetcherRevalidateTests : IAsyncLifetime
{
    private static readonly JobSettings Settings = new() { TimeoutSeconds = 5, MaxAttempts = 2, MaxRedirects = 2, MaxBodyBytes = 1024 };

    private static readonly DateTimeOffset Earlier = new(2026, 11, 30, 8, 15, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services = TestServices.Build();

    private UrlFetcher Fetcher => _services.GetRequiredService<UrlFetcher>();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task FetchOrHandBackAsync_UnchangedAnswer304_ResultIsNotModifiedWithTheEarlierBodyFacts()
    {
        // Arrange
        var seen = new ConcurrentQueue<(string? IfNoneMatch, string? IfModifiedSince)>();
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            seen.Enqueue((context.Request.Headers.IfNoneMatch.ToString(), context.Request.Headers.IfModifiedSince.ToString()));
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            context.Response.Headers.ETag = "\"v1\"";
            return Task.CompletedTask;
        });
        var url = server.Url("/page");
        var prior = new PriorResult(3, url, "\"v1\"", Earlier, "abc123", 42, "text/html", "earlier/bodies/000000003");

        // Act
        var fetch = await FetchAsync(url, prior);

        // Assert
        var result = fetch.Result;
        Assert.Equal(("\"v1\"", "Mon, 30 Nov 2026 08:15:00 GMT"), Assert.Single(seen));
        Assert.Equal(304, result.StatusCode);
        Assert.True(result.NotModified);
        Assert.False(result.IsFailure);
        Assert.Null(result.Error);
        Assert.Equal(("abc123", 42L, "text/html", "earlier/bodies/000000003"), (result.Sha256, result.Bytes, result.ContentType, result.BodyBlob));
        Assert.Equal(("\"v1\"", Earlier), (result.ETag, result.LastModified));
    }

    [Fact]
    public async Task FetchOrHandBackAsync_ChangedAnswer200_ResultIsTheNewBody()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.Headers.ETag = "\"v2\"";
            await context.Response.WriteAsync("changed");
        });
        var url = server.Url("/page");
        var prior = new PriorResult(0, url, "\"v1\"", null, "abc123", 42, "text/html", null);

        // Act
        var result = (await FetchAsync(url, prior)).Result;

        // Assert
        Assert.Equal(200, result.StatusCode);
        Assert.False(result.NotModified);
        Assert.Equal(7, result.Bytes);
        Assert.NotEqual("abc123", result.Sha256);
        Assert.Equal("\"v2\"", result.ETag);
    }

    [Fact]
    public async Task FetchOrHandBackAsync_EarlierAnswerCameAfterARedirect_ValidatorsGoOnlyToTheFinalUrl()
    {
        // Arrange
        var conditional = new ConcurrentDictionary<string, string>();
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            conditional[context.Request.Path] = context.Request.Headers.IfNoneMatch.ToString();
            if (context.Request.Path == "/old")
            {
                context.Response.StatusCode = StatusCodes.Status302Found;
                context.Response.Headers.Location = "/new";
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
            }

            return Task.CompletedTask;
        });
        var prior = new PriorResult(0, server.Url("/new"), "\"v1\"", null, "abc123", 42, "text/html", null);

        // Act
        var result = (await FetchAsync(server.Url("/old"), prior)).Result;

        // Assert
        Assert.Equal(string.Empty, conditional["/old"]);
        Assert.Equal("\"v1\"", conditional["/new"]);
        Assert.True(result.NotModified);
        Assert.Equal(server.Url("/new"), result.FinalUrl);
    }

    [Fact]
    public async Task FetchOrHandBackAsync_304WithoutAPriorResult_IsAPlainAnswerNotNotModified()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        });

        // Act
        var result = (await FetchAsync(server.Url("/page"), prior: null)).Result;

        // Assert
        Assert.Equal(304, result.StatusCode);
        Assert.False(result.NotModified);
        Assert.Equal(0, result.Bytes);
    }

    private Task<UrlFetch> FetchAsync(string url, PriorResult? prior) =>
        Fetcher.FetchOrHandBackAsync(0, url, Settings, headers: null, prior, bodies: null, priorAttempts: 0, TimeSpan.Zero, jobId: null, CancellationToken.None);
}
