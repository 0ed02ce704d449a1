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
    public async Task Job_ConcurrencyRaisedMidJob_TargetSeesTheNewConcurrencyAndTheStatusNamesIt()
    {
        // Arrange: 2,000 URLs of 100 ms at concurrency 4 take 50 s; raised to 20 they take a fifth of that.
        await using var target = await LatencyTarget.StartAsync(TimeSpan.FromMilliseconds(100));
        await using var host = await InProcessHost.StartAsync(new HostSettings(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next()));
        var urls = Enumerable.Range(0, 2_000).Select(i => target.Url($"t{i}")).ToArray();
        var started = await host.Api.StartAsync(urls, new { concurrency = 4 });
        await Eventually.HoldsAsync(() => target.TotalHits >= 40, TimeSpan.FromSeconds(60));
        var peakBefore = target.PeakInFlight;

        // Act
        var answer = await host.Api.SetConcurrencyAsync(started.Id, 20);
        target.ResetPeak();
        await Eventually.HoldsAsync(() => target.PeakInFlight > 4, TimeSpan.FromSeconds(30));
        using var status = await host.Api.GetStatusAsync(started.Id);
        var done = await host.Api.WaitForResultsAsync(started.Id, Polling.Within(TimeSpan.FromMinutes(3)));

        // Assert
        output.WriteLine($"peak in flight at the target: {peakBefore} at concurrency 4, {target.PeakInFlight} after the change to 20");
        Assert.Equal(4, peakBefore);
        Assert.Equal(20, answer.Concurrency);
        Assert.InRange(target.PeakInFlight, 5, 20);
        Assert.Equal(20, status.Progress?.Concurrency);
        Assert.Equal(2_000, done.Succeeded);
        Assert.Equal(urls, done.Results.Select(r => r.Url));
        Assert.All(urls, url => Assert.Equal(1, target.HitsFor(url)));
    }

    [Fact]
    public async Task Job_ConcurrencyChangeBeyondTheLimitOrAfterTheEnd_IsRefusedAndChangesNothing()
    {
        // Arrange
        await using var target = await LatencyTarget.StartAsync(TimeSpan.Zero);
        await using var host = await InProcessHost.StartAsync(new HostSettings(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next()));
        var started = await host.Api.StartAsync([target.Url("a"), target.Url("b")], new { concurrency = 2 });
        var done = await host.Api.WaitForResultsAsync(started.Id, Polling.Within(TimeSpan.FromMinutes(1)));

        // Act
        var ended = await Assert.ThrowsAsync<FunctionsFetch.Client.FetchApiException>(() => host.Api.SetConcurrencyAsync(started.Id, 10));
        var unknown = await Assert.ThrowsAsync<FunctionsFetch.Client.FetchApiException>(() => host.Api.SetConcurrencyAsync("no-such-job", 10));
        var tooMany = await Assert.ThrowsAsync<FunctionsFetch.Client.FetchApiException>(() => host.Api.SetConcurrencyAsync(started.Id, 1_000_000));

        // Assert
        Assert.Equal(2, done.Succeeded);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, ended.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal(2, target.TotalHits);
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
