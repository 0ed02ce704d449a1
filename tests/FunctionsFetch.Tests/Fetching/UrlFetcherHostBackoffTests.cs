using System.Diagnostics;
using FunctionsFetch.Configuration;
using FunctionsFetch.Fetching;
using FunctionsFetch.Testing;
using FunctionsFetch.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsFetch.Tests.Fetching;

public sealed class UrlFetcherHostBackoffTests : IAsyncLifetime
{
    private static readonly JobSettings OneAttempt = new() { TimeoutSeconds = 5, MaxAttempts = 1 };
    private static readonly JobSettings TwoAttempts = OneAttempt with { MaxAttempts = 2 };
    private static readonly TimeSpan HandBackAfter = TimeSpan.FromSeconds(5);

    private readonly ServiceProvider _services = TestServices.Build(new Dictionary<string, string?> { ["Fetch:MaxRetryDelaySeconds"] = "30" });
    private LoopbackServer _server = null!;
    private int _otherHits;

    private UrlFetcher Fetcher => _services.GetRequiredService<UrlFetcher>();

    public async Task InitializeAsync() =>
        _server = await LoopbackServer.StartAsync(context =>
        {
            if (context.Request.Path.StartsWithSegments("/throttle", StringComparison.Ordinal))
            {
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = context.Request.Query["s"].ToString();
                return Task.CompletedTask;
            }

            Interlocked.Increment(ref _otherHits);
            return context.Response.WriteAsync("ok");
        });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _services.DisposeAsync();
    }

    [Fact]
    public async Task FetchOrHandBackAsync_HostHeldLongerThanTheThreshold_HandsBackUnsentWithTheHoldAsItsWait()
    {
        // Arrange: one answer of 429 with Retry-After: 20 holds the whole host.
        var throttled = await Fetcher.FetchOrHandBackAsync(0, _server.Url("/throttle?s=20"), OneAttempt, bodies: null, priorAttempts: 0, HandBackAfter, jobId: "job-1", CancellationToken.None);

        // Act
        var held = await Fetcher.FetchOrHandBackAsync(1, _server.Url("/other"), TwoAttempts, bodies: null, priorAttempts: 0, HandBackAfter, jobId: "job-1", CancellationToken.None);

        // Assert: never sent, and back to a durable timer for the rest of the hold; the attempt counts, so holds cannot
        // hand a URL back more than maxAttempts times.
        Assert.Equal(429, throttled.Result.StatusCode);
        Assert.True(held.IsHandedBack);
        Assert.InRange(held.HandBackAfter!.Value, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(20));
        Assert.Equal(1, held.Result.Attempts);
        Assert.Equal(0, _otherHits);
    }

    [Fact]
    public async Task FetchOrHandBackAsync_HostHeldShorterThanTheThreshold_WaitsTheHoldOutThenSends()
    {
        // Arrange
        await Fetcher.FetchOrHandBackAsync(0, _server.Url("/throttle?s=1"), OneAttempt, bodies: null, priorAttempts: 0, HandBackAfter, jobId: "job-1", CancellationToken.None);
        var clock = Stopwatch.StartNew();

        // Act
        var fetch = await Fetcher.FetchOrHandBackAsync(1, _server.Url("/other"), OneAttempt, bodies: null, priorAttempts: 0, HandBackAfter, jobId: "job-1", CancellationToken.None);

        // Assert
        Assert.False(fetch.IsHandedBack);
        Assert.Equal(200, fetch.Result.StatusCode);
        Assert.Equal(1, _otherHits);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.8), $"sent after {clock.Elapsed.TotalSeconds:0.00} s, inside the host's 1 s hold");
    }

    [Fact]
    public async Task FetchOrHandBackAsync_LastAttemptHeldLongerThanTheThreshold_WaitsTheHoldOutInsteadOfHandingBack()
    {
        // Arrange: a 6 s hold, over the 5 s threshold, on the URL's only attempt.
        await Fetcher.FetchOrHandBackAsync(0, _server.Url("/throttle?s=6"), OneAttempt, bodies: null, priorAttempts: 0, HandBackAfter, jobId: "job-1", CancellationToken.None);
        var clock = Stopwatch.StartNew();

        // Act
        var fetch = await Fetcher.FetchOrHandBackAsync(1, _server.Url("/other"), OneAttempt, bodies: null, priorAttempts: 0, HandBackAfter, jobId: "job-1", CancellationToken.None);

        // Assert: a real final answer, so holds never cost a URL more than maxAttempts rounds.
        Assert.False(fetch.IsHandedBack);
        Assert.Equal(200, fetch.Result.StatusCode);
        Assert.Equal(1, _otherHits);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(5), $"sent after {clock.Elapsed.TotalSeconds:0.00} s, inside the host's 6 s hold");
    }
}
