using System.Diagnostics;
using FunctionsFetch.IntegrationTests.Infrastructure;
using FunctionsFetch.Local;
using FunctionsFetch.Testing;
using Xunit.Abstractions;

namespace FunctionsFetch.IntegrationTests.Jobs;

[Collection(AzuriteTests.Name)]
public sealed class ConcurrencyTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task Job_ConcurrencyAlone_TargetNeverSeesMoreThanConcurrencyAndNearlyThatMany()
    {
        // Arrange: the planner shapes the batches; the job names nothing else.
        await using var target = await LatencyTarget.StartAsync(TimeSpan.FromMilliseconds(100));
        await using var host = await InProcessHost.StartAsync(new HostSettings(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next()));
        var urls = Enumerable.Range(0, 900).Select(i => target.Url($"c{i}")).ToArray();

        // Act
        var started = await host.Api.StartAsync(urls, new { concurrency = 30 });
        var done = await host.Api.WaitForResultsAsync(started.Id, Polling.Within(TimeSpan.FromMinutes(3)));

        // Assert
        Assert.Equal(900, done.Succeeded);
        output.WriteLine($"peak in flight at the target: {target.PeakInFlight} of concurrency 30");
        Assert.InRange(target.PeakInFlight, 24, 30);
    }

    [Fact]
    public async Task Job_MaxPerHost_TargetNeverSeesMoreThanItFromTheJob()
    {
        // Arrange
        await using var target = await LatencyTarget.StartAsync(TimeSpan.FromMilliseconds(100));
        await using var host = await InProcessHost.StartAsync(new HostSettings(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next()));
        var urls = Enumerable.Range(0, 120).Select(i => target.Url($"p{i}")).ToArray();

        // Act
        var started = await host.Api.StartAsync(urls, new { concurrency = 50, maxPerHost = 3 });
        var done = await host.Api.WaitForResultsAsync(started.Id, Polling.Within(TimeSpan.FromMinutes(3)));

        // Assert
        Assert.Equal(120, done.Succeeded);
        Assert.Equal(3, target.PeakInFlight);
    }

    [Fact]
    public async Task Job_MaxRatePerHost_TargetSeesNoMoreRequestsASecondThanTheRate()
    {
        // Arrange: 10 a second refill one token every 100 ms, so 31 requests cannot all start within 3 s.
        await using var target = await LatencyTarget.StartAsync(TimeSpan.Zero);
        await using var host = await InProcessHost.StartAsync(new HostSettings(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next()));
        var urls = Enumerable.Range(0, 31).Select(i => target.Url($"r{i}")).ToArray();

        // Act
        var started = await host.Api.StartAsync(urls, new { concurrency = 50, maxRatePerHost = 10 });
        var done = await host.Api.WaitForResultsAsync(started.Id, Polling.Within(TimeSpan.FromMinutes(3)));

        // Assert
        Assert.Equal(31, done.Succeeded);
        var spread = Stopwatch.GetElapsedTime(target.FirstRequestAt, target.LastResponseAt);
        Assert.True(spread >= TimeSpan.FromSeconds(2.9), $"31 requests at 10 a second took only {spread.TotalSeconds:0.00} s");
    }

    [Fact]
    public async Task Jobs_SmallJobAfterALargeOne_CompletesWhileTheLargeOneStillRuns()
    {
        // Arrange: a 20,000-URL job that takes about 80 s at its concurrency of 50.
        await using var target = await LatencyTarget.StartAsync(TimeSpan.FromMilliseconds(200));
        await using var host = await InProcessHost.StartAsync(new HostSettings(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next()));
        var large = await host.Api.StartAsync(Enumerable.Range(0, 20_000).Select(i => target.Url($"large/{i}")), new { concurrency = 50 });
        await Eventually.HoldsAsync(() => target.TotalHits >= 100, TimeSpan.FromSeconds(60));
        var small = Enumerable.Range(0, 10).Select(i => target.Url($"small/{i}")).ToArray();

        // Act
        var clock = Stopwatch.StartNew();
        var started = await host.Api.StartAsync(small, new { concurrency = 50 });
        var done = await host.Api.WaitForResultsAsync(started.Id, Polling.Within(TimeSpan.FromSeconds(30)));
        var took = clock.Elapsed;
        output.WriteLine($"the 10-URL job completed {took.TotalSeconds:0.00} s after its start, with the large one at {target.TotalHits} hits");
        using var largeStatus = await host.Api.GetStatusAsync(large.Id);

        // Assert
        Assert.Equal(10, done.Succeeded);
        Assert.All(small, url => Assert.Equal(1, target.HitsFor(url)));
        Assert.Equal("Running", largeStatus.Progress?.RuntimeStatus);
        Assert.True(took < TimeSpan.FromSeconds(10), $"the small job took {took.TotalSeconds:0.0} s behind the large one");
        await host.Api.CancelAsync(large.Id);
    }
}
