using FunctionsFetch.Configuration;
using FunctionsFetch.Fetching;
using FunctionsFetch.Testing;
using FunctionsFetch.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsFetch.Tests.Fetching.Guard;

/// <summary>The guard end to end: real fetches at a loopback target that counts every request it gets.</summary>
public sealed class GuardedFetchTests
{
    private static readonly JobSettings Settings = new() { TimeoutSeconds = 5, MaxAttempts = 3 };

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.1")]
    [InlineData("2130706433")]
    [InlineData("0x7f.1")]
    [InlineData("0177.0.0.1")]
    [InlineData("[::1]")]
    [InlineData("[::ffff:127.0.0.1]")]
    [InlineData("0.0.0.0")]
    [InlineData("localhost")]
    public async Task FetchAsync_GuardOnLoopbackSpelling_IsBlockedAndTheTargetSeesNothing(string host)
    {
        // Arrange
        await using var target = await LoopbackServer.StartAsync(context => context.Response.WriteAsync("secret"), alsoIPv6: true);
        await using var services = GuardedServices();
        var url = $"http://{host}:{target.Port}/admin";

        // Act
        var result = await services.GetRequiredService<UrlFetcher>().FetchAsync(0, url, Settings, CancellationToken.None);

        // Assert
        Assert.Equal(FetchErrorKind.Blocked, result.Error?.Kind);
        Assert.Contains("Refused", result.Error!.Message, StringComparison.Ordinal);
        Assert.Null(result.StatusCode);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(0, target.Hits);
    }

    [Fact]
    public async Task FetchAsync_AllowListedHostAndPort_IsFetched()
    {
        // Arrange
        await using var target = await LoopbackServer.StartAsync(context => context.Response.WriteAsync("allowed"));
        await using var services = GuardedServices($"127.0.0.1:{target.Port}");

        // Act
        var result = await services.GetRequiredService<UrlFetcher>().FetchAsync(0, target.Url("/ok"), Settings, CancellationToken.None);

        // Assert
        Assert.Null(result.Error);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal(1, target.Hits);
    }

    [Fact]
    public async Task FetchAsync_AllowListedTargetRedirectsToAnotherLoopbackPort_IsBlockedAtTheHop()
    {
        // Arrange
        await using var hidden = await LoopbackServer.StartAsync(context => context.Response.WriteAsync("internal"));
        await using var allowed = await LoopbackServer.StartAsync(context =>
        {
            context.Response.Redirect(hidden.Url("/internal"));
            return Task.CompletedTask;
        });
        await using var services = GuardedServices($"127.0.0.1:{allowed.Port}");

        // Act
        var result = await services.GetRequiredService<UrlFetcher>().FetchAsync(0, allowed.Url("/go"), Settings, CancellationToken.None);

        // Assert
        Assert.Equal(FetchErrorKind.Blocked, result.Error?.Kind);
        Assert.Equal(1, allowed.Hits);
        Assert.Equal(0, hidden.Hits);
    }

    [Fact]
    public async Task FetchAsync_ManyUrlsOnOneHost_NeverMoreInFlightThanThePerHostCap()
    {
        // Arrange
        await using var target = await LatencyTarget.StartAsync(TimeSpan.FromMilliseconds(200));
        await using var services = TestServices.Build(new Dictionary<string, string?> { ["Fetch:MaxConcurrencyPerHost"] = "3" });
        var fetcher = services.GetRequiredService<UrlFetcher>();

        // Act: 12 at once, as a batch with parallelism 12 would.
        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => fetcher.FetchAsync(i, target.Url($"p{i}"), Settings, CancellationToken.None)));

        // Assert
        Assert.All(results, r => Assert.Equal(200, r.StatusCode));
        Assert.Equal(3, target.PeakInFlight);
    }

    private static ServiceProvider GuardedServices(params string[] allowedTargets)
    {
        var settings = new Dictionary<string, string?> { ["Fetch:AllowPrivateNetworks"] = "false" };
        for (var i = 0; i < allowedTargets.Length; i++)
        {
            settings[$"Fetch:AllowedTargets:{i}"] = allowedTargets[i];
        }

        return TestServices.Build(settings);
    }
}
