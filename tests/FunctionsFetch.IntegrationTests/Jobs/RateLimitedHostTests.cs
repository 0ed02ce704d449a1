using FunctionsFetch.IntegrationTests.Infrastructure;
using FunctionsFetch.Local;
using FunctionsFetch.Testing;
using Xunit.Abstractions;

namespace FunctionsFetch.IntegrationTests.Jobs;

[Collection(AzuriteTests.Name)]
public sealed class RateLimitedHostTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task Job_HostAnswering429AboveFourInFlight_EveryUrlSucceedsAndTheHostSeesAtMostEightAfterBackingOff()
    {
        // Arrange: the host throttles whenever more than 4 requests are in flight, as the tried case.
        await using var target = await RateLimitedTarget.StartAsync(allowed: 4, retryAfterSeconds: 1, latency: TimeSpan.FromMilliseconds(50));
        // The shipped per-host default, which the test hosts otherwise raise for their one-host targets.
        var settings = new HostSettings(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next()).Set("Fetch:Defaults:MaxPerHost", 8);
        await using var host = await InProcessHost.StartAsync(settings);
        var urls = Enumerable.Range(0, 300).Select(i => target.Url($"r{i}")).ToArray();

        // Act
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var started = await host.Api.StartAsync(urls, new { concurrency = 50, maxAttempts = 10 });
        var done = await host.Api.WaitForResultsAsync(started.Id, Polling.Within(TimeSpan.FromMinutes(3)));

        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s; the host answered {target.Throttled} x 429 and {target.Served} x 200; peak in flight {target.PeakInFlight}, {target.PeakInFlightAfterThrottling} after its first 429");

        // Assert
        Assert.Equal("Completed", done.RuntimeStatus);
        Assert.Equal(300, done.Succeeded);
        Assert.All(done.Results, r => Assert.Equal(200, r.StatusCode));
        Assert.Equal(300, target.Served);
        Assert.True(target.Throttled > 0, "the host never throttled, so the test proved nothing");
        Assert.InRange(target.PeakInFlightAfterThrottling, 1, 8);
    }
}
