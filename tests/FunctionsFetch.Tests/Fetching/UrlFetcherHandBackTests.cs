using System.Globalization;
using FunctionsFetch.Configuration;
using FunctionsFetch.Fetching;
using FunctionsFetch.Testing;
using FunctionsFetch.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsFetch.Tests.Fetching;

public sealed class UrlFetcherHandBackTests : IAsyncLifetime
{
    private static readonly JobSettings Settings = new() { TimeoutSeconds = 5, MaxAttempts = 2 };
    private static readonly TimeSpan HandBackAfter = TimeSpan.FromSeconds(5);

    private readonly ServiceProvider _services = TestServices.Build(new Dictionary<string, string?> { ["Fetch:MaxRetryDelaySeconds"] = "30" });

    private UrlFetcher Fetcher => _services.GetRequiredService<UrlFetcher>();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task FetchOrHandBackAsync_RetryAfterLongerThanTheThreshold_HandsBackWithTheCappedWaitAfterOneHit()
    {
        // Arrange
        await using var server = await UnavailableServerAsync(retryAfterSeconds: 100_000);

        // Act
        var fetch = await Fetcher.FetchOrHandBackAsync(0, server.Url("/busy"), Settings, bodies: null, priorAttempts: 0, HandBackAfter, jobId: null, CancellationToken.None);

        // Assert
        Assert.True(fetch.IsHandedBack);
        Assert.Equal(TimeSpan.FromSeconds(30), fetch.HandBackAfter);
        Assert.Equal(1, fetch.Result.Attempts);
        Assert.Equal(1, server.Hits);
    }

    [Fact]
    public async Task FetchOrHandBackAsync_HandedBackUrlOnItsLastAttempt_ReturnsTheFinalAnswerWithAllAttemptsCounted()
    {
        // Arrange
        await using var server = await UnavailableServerAsync(retryAfterSeconds: 100_000);

        // Act: the second of maxAttempts 2, after an earlier batch made the first.
        var fetch = await Fetcher.FetchOrHandBackAsync(0, server.Url("/busy"), Settings, bodies: null, priorAttempts: 1, HandBackAfter, jobId: null, CancellationToken.None);

        // Assert
        Assert.False(fetch.IsHandedBack);
        Assert.Equal(503, fetch.Result.StatusCode);
        Assert.Equal(2, fetch.Result.Attempts);
        Assert.Equal(1, server.Hits);
    }

    [Fact]
    public async Task FetchOrHandBackAsync_ShortRetryAfter_WaitsInTheBatchAndRetries()
    {
        // Arrange
        await using var server = await UnavailableServerAsync(retryAfterSeconds: 0);

        // Act
        var fetch = await Fetcher.FetchOrHandBackAsync(0, server.Url("/busy"), Settings, bodies: null, priorAttempts: 0, HandBackAfter, jobId: null, CancellationToken.None);

        // Assert
        Assert.False(fetch.IsHandedBack);
        Assert.Equal(2, fetch.Result.Attempts);
        Assert.Equal(2, server.Hits);
    }

    [Fact]
    public async Task FetchAsync_HugeRetryAfterWithoutHandBack_WaitsOnlyTheConfiguredMaximum()
    {
        // Arrange: a one-second cap; uncapped, the wait would be 100,000 s and the test's timeout would end it.
        await using var services = TestServices.Build(new Dictionary<string, string?> { ["Fetch:MaxRetryDelaySeconds"] = "1" });
        await using var server = await UnavailableServerAsync(retryAfterSeconds: 100_000);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        // Act
        var result = await services.GetRequiredService<UrlFetcher>().FetchAsync(0, server.Url("/busy"), Settings, timeout.Token);

        // Assert
        Assert.False(timeout.IsCancellationRequested);
        Assert.Equal(503, result.StatusCode);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(2, server.Hits);
    }

    private static Task<LoopbackServer> UnavailableServerAsync(int retryAfterSeconds) =>
        LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
}
