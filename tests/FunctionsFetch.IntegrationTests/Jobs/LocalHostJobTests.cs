using FunctionsFetch.IntegrationTests.Infrastructure;
using FunctionsFetch.Local;
using FunctionsFetch.Testing;

namespace FunctionsFetch.IntegrationTests.Jobs;

[Collection(AzuriteTests.Name)]
public sealed class LocalHostJobTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Job_1000UrlsWithShuffledLatencies_EveryResultInInputOrder()
    {
        // Arrange
        await using var target = await LatencyTarget.StartAsync(TimeSpan.FromMilliseconds(20));
        await using var host = await InProcessHost.StartAsync(new HostSettings(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next()));
        var random = new Random(1000);
        var urls = Enumerable.Range(0, 1000).Select(i => target.Url($"u{i}", TimeSpan.FromMilliseconds(random.Next(0, 120)))).ToArray();

        // Act
        var started = await host.Api.StartAsync(urls, new { concurrency = 250, batchSize = 50, batchParallelism = 25, maxParallelBatches = 10 });
        var done = await host.Api.WaitForResultsAsync(started.Id, Polling.Within(TimeSpan.FromMinutes(3)));

        // Assert
        Assert.Equal("Completed", done.RuntimeStatus);
        Assert.Equal(1000, done.Total);
        Assert.Equal(1000, done.Succeeded);
        var results = done.Results.ToArray();
        Assert.Equal(Enumerable.Range(0, 1000), results.Select(r => r.Index));
        Assert.Equal(urls, results.Select(r => r.Url));
        Assert.All(results, r => Assert.Equal(200, r.StatusCode));
        Assert.All(urls, url => Assert.Equal(1, target.HitsFor(url)));
    }

    [Fact]
    public async Task Job_ManySlowUrls_TargetNeverSeesMoreInFlightThanTheCap()
    {
        // Arrange: 3 activities per host x 4 URLs per batch = 12, below the job's own 5 batches x 4.
        await using var target = await LatencyTarget.StartAsync(TimeSpan.FromMilliseconds(250));
        var settings = new HostSettings(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next())
            .Set("extensions:durableTask:maxConcurrentActivityFunctions", 3);
        await using var host = await InProcessHost.StartAsync(settings);
        var urls = Enumerable.Range(0, 240).Select(i => target.Url($"t{i}")).ToArray();
        const int Cap = 3 * 4;

        // Act
        var started = await host.Api.StartAsync(urls, new { batchSize = 8, batchParallelism = 4, maxParallelBatches = 5 });
        var done = await host.Api.WaitForResultsAsync(started.Id, Polling.Within(TimeSpan.FromMinutes(3)));

        // Assert
        Assert.Equal(240, done.Succeeded);
        Assert.InRange(target.PeakInFlight, Cap / 2, Cap);
    }

    [Fact]
    public async Task Job_PerJobCapBelowHostCap_TargetNeverSeesMoreThanTheJobCap()
    {
        // Arrange: the job allows 2 batches x 3 URLs = 6, below the host's 10 activities x 3.
        await using var target = await LatencyTarget.StartAsync(TimeSpan.FromMilliseconds(250));
        await using var host = await InProcessHost.StartAsync(new HostSettings(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next()));
        var urls = Enumerable.Range(0, 120).Select(i => target.Url($"j{i}")).ToArray();

        // Act
        var started = await host.Api.StartAsync(urls, new { batchSize = 6, batchParallelism = 3, maxParallelBatches = 2 });
        var done = await host.Api.WaitForResultsAsync(started.Id, Polling.Within(TimeSpan.FromMinutes(3)));

        // Assert
        Assert.Equal(120, done.Succeeded);
        Assert.InRange(target.PeakInFlight, 3, 6);
    }

    [Fact]
    public async Task Jobs_TwentyStartedAtOnce_AllCompleteWithOnlyTheirOwnUrls()
    {
        // Arrange
        await using var target = await LatencyTarget.StartAsync(TimeSpan.FromMilliseconds(30));
        await using var host = await InProcessHost.StartAsync(new HostSettings(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next()));
        var jobs = Enumerable.Range(0, 20)
            .Select(j => Enumerable.Range(0, 15 + j).Select(i => target.Url($"job{j}/u{i}")).ToArray())
            .ToArray();

        // Act
        var started = await Task.WhenAll(jobs.Select(urls => host.Api.StartAsync(urls, new { batchSize = 5 })));
        var done = await Task.WhenAll(started.Select(s => host.Api.WaitForResultsAsync(s.Id, Polling.Within(TimeSpan.FromMinutes(3)))));

        // Assert
        Assert.Equal(20, started.Select(s => s.Id).Distinct().Count());
        for (var j = 0; j < jobs.Length; j++)
        {
            Assert.Equal("Completed", done[j].RuntimeStatus);
            Assert.Equal(jobs[j], done[j].Results.Select(r => r.Url));
        }
    }

    [Fact]
    public async Task Job_InMemoryEngine_CompletesWithoutStorage()
    {
        // Arrange
        await using var target = await LatencyTarget.StartAsync(TimeSpan.FromMilliseconds(10));
        await using var host = await InProcessHost.StartAsync(new HostSettings(AzuriteFixture.NewHubName(), storage: null, FreePorts.Next()));
        var urls = Enumerable.Range(0, 100).Select(i => target.Url($"m{i}")).ToArray();

        // Act
        var started = await host.Api.StartAsync(urls, new { batchSize = 10 });
        var done = await host.Api.WaitForResultsAsync(started.Id, Polling.Within(TimeSpan.FromMinutes(1)));

        // Assert
        Assert.Equal(urls, done.Results.Select(r => r.Url));
    }

    [Fact]
    public async Task ShowHistory_InMemoryEngine_Answers501BecauseItKeepsNoReadableHistory()
    {
        // Arrange
        await using var target = await LatencyTarget.StartAsync(TimeSpan.Zero);
        await using var host = await InProcessHost.StartAsync(new HostSettings(AzuriteFixture.NewHubName(), storage: null, FreePorts.Next()));
        var id = (await host.Api.StartAsync([target.Url("h")])).Id;
        await host.Api.WaitForResultsAsync(id, Polling.Within(TimeSpan.FromMinutes(1)));

        // Act
        using var response = await host.Http.GetAsync(new Uri($"/runtime/webhooks/durabletask/instances/{id}?showHistory=true", UriKind.Relative));

        // Assert
        Assert.Equal(System.Net.HttpStatusCode.NotImplemented, response.StatusCode);
        Assert.Contains("showHistory", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
