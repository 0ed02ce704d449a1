using System.Net;
using FunctionsFetch.Client;
using FunctionsFetch.IntegrationTests.Infrastructure;
using FunctionsFetch.Local;
using FunctionsFetch.Testing;

namespace FunctionsFetch.IntegrationTests.Jobs;

/// <summary>Hostile targets, cancel and terminate, on the local host over Azurite: what a job holds, and what it leaves.</summary>
[Collection(AzuriteTests.Name)]
public sealed class JobLifecycleTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task Job_RetryAfterFarBeyondTheCap_CompletesWithTheLastAnswerAfterCappedWaits(int handBackAfterSeconds)
    {
        // Arrange: Retry-After asks for 100,000 s; the cap is 2 s, sat through in the batch (0) or on a durable timer (1).
        await using var target = await LatencyTarget.StartAsync(TimeSpan.Zero);
        await using var host = await InProcessHost.StartAsync(Settings()
            .Set("Fetch:MaxRetryDelaySeconds", 2)
            .Set("Fetch:HandBackAfterSeconds", handBackAfterSeconds));
        var url = target.RetryAfterUrl("busy", 503, 100_000);

        // Act
        var started = await host.Api.StartAsync([url], new { maxAttempts = 2 });
        var done = await host.Api.WaitForResultsAsync(started.Id, Polling.Within(TimeSpan.FromSeconds(60)));

        // Assert
        Assert.Equal("Completed", done.RuntimeStatus);
        var result = Assert.Single(done.Results);
        Assert.Equal(503, result.StatusCode);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(2, target.HitsFor(url));
    }

    [Fact]
    public async Task Job_HostileTargetsInEveryActivitySlot_AnUnrelatedJobStillCompletesAndCancelStopsTheHostileOne()
    {
        // Arrange: ten batches of one URL each, as many as the host's activity slots, all told to come back in 100,000 s.
        // Each is a host of its own: one host's Retry-After holds every request to it, the unrelated job's too.
        var targets = new List<LatencyTarget>();
        for (var i = 0; i < 11; i++)
        {
            targets.Add(await LatencyTarget.StartAsync(TimeSpan.Zero));
        }

        await using var stopTargets = new AsyncDisposables(targets);
        var target = targets[10];
        await using var host = await InProcessHost.StartAsync(Settings().Set("extensions:durableTask:maxConcurrentActivityFunctions", 10));
        var hostile = Enumerable.Range(0, 10).Select(i => targets[i].RetryAfterUrl($"hostile-{i}", 503, 100_000)).ToArray();
        var hostileJob = (await host.Api.StartAsync(hostile, new { batchSize = 1, maxParallelBatches = 10, maxAttempts = 10 })).Id;
        await Eventually.HoldsAsync(() => Enumerable.Range(0, 10).All(i => targets[i].HitsFor(hostile[i]) >= 1));

        // Act
        var unrelated = target.Url("unrelated");
        var unrelatedDone = await host.Api.WaitForResultsAsync((await host.Api.StartAsync([unrelated])).Id, Polling.Within(TimeSpan.FromSeconds(20)));
        await host.Api.CancelAsync(hostileJob);
        var hostileDone = await host.Api.WaitForResultsAsync(hostileJob, Polling.Within(TimeSpan.FromSeconds(20)));
        var hitsAfterCancel = targets.Sum(t => t.TotalHits);
        await Task.Delay(TimeSpan.FromSeconds(3));

        // Assert
        Assert.Equal("Completed", unrelatedDone.RuntimeStatus);
        Assert.Equal(200, Assert.Single(unrelatedDone.Results).StatusCode);
        Assert.Equal("Terminated", hostileDone.RuntimeStatus);
        AssertCountsMatchRows(hostileDone, total: 10);
        Assert.Equal(hitsAfterCancel, targets.Sum(t => t.TotalHits));
    }

    [Theory]
    [InlineData("cancel")]
    [InlineData("terminate")]
    public async Task Job_CanceledWhileFetching_StopsFetchingAndItsCountsMatchItsRows(string how)
    {
        // Arrange: 400 URLs, 20 to a batch, 10 of a batch in flight and 4 batches at once. A batch's first ten answer in
        // 2 s; its last ten are held for 120 s, longer than the test, so only the cancel can end them. The cancel
        // comes after 60 hits, once held URLs are in flight. (With every URL at 4 s, a loaded CI
        // machine once let all fetches in flight end before the batches saw the cancel: CI, 6 December.)
        await using var target = await LatencyTarget.StartAsync(TimeSpan.FromSeconds(2));
        await using var host = await InProcessHost.StartAsync(Settings());
        var urls = Enumerable.Range(0, 400).Select(i => target.Url($"c{i}", i % 20 < 10 ? null : TimeSpan.FromSeconds(120))).ToArray();
        var held = urls.Where((_, i) => i % 20 >= 10).ToHashSet(StringComparer.Ordinal);
        var payload = await host.Api.StartAsync(urls, new { batchSize = 20, batchParallelism = 10, maxParallelBatches = 4 });
        var id = payload.Id;
        await Eventually.HoldsAsync(() => target.TotalHits >= 60);

        // Act: DELETE /api/fetch/{id}, or the Durable API's terminate (which the batches see in the instance's status).
        using var stop = how == "cancel"
            ? await host.Http.DeleteAsync(new Uri($"/api/fetch/{id}", UriKind.Relative))
            : await host.Http.PostAsync(new Uri(payload.TerminatePostUri.Replace("{text}", "enough", StringComparison.Ordinal)), null);
        var canceledAt = target.TotalHits;
        await Task.Delay(TimeSpan.FromSeconds(2));
        var settled = target.TotalHits;
        await Task.Delay(TimeSpan.FromSeconds(2));
        var done = await host.Api.WaitForResultsAsync(id, Polling.Within(TimeSpan.FromSeconds(20)));

        // Assert: nothing new after the batches saw it (at most one poll); only what was in flight finished.
        Assert.Equal(HttpStatusCode.Accepted, stop.StatusCode);
        Assert.Equal(settled, target.TotalHits);
        Assert.InRange(settled - canceledAt, 0, 4 * 20);
        Assert.Equal("Terminated", done.RuntimeStatus);
        var rows = AssertCountsMatchRows(done, total: 400);
        Assert.InRange(rows.Length, 1, settled);
        Assert.Contains(rows, r => r.Error?.Kind == "canceled");
        Assert.All(rows.Where(r => held.Contains(r.Url)), r => Assert.Equal("canceled", r.Error?.Kind));
        Assert.All(rows.Where(r => r.StatusCode is not null), r => Assert.Equal(1, target.HitsFor(r.Url)));
    }

    [Fact]
    public async Task Purge_JobARetryJobReads_Answers409NamingItAndTheRetryKeepsItsMergedResults()
    {
        // Arrange: two of four URLs fail, and a retry-failed job retries them.
        await using var target = await LatencyTarget.StartAsync(TimeSpan.Zero);
        await using var host = await InProcessHost.StartAsync(Settings());
        string[] urls = [target.Url("ok-0"), target.FailingUrl("bad-1", status: 500), target.Url("ok-2"), target.FailingUrl("bad-3", status: 500)];
        var basePayload = await host.Api.StartAsync(urls, new { maxAttempts = 1 });
        await host.Api.WaitForResultsAsync(basePayload.Id, Polling.Within(TimeSpan.FromSeconds(30)));
        var retryPayload = await host.Api.RetryFailedAsync(basePayload.Id);
        await host.Api.WaitForResultsAsync(retryPayload.Id, Polling.Within(TimeSpan.FromSeconds(30)));

        // Act
        using var refused = await host.Http.DeleteAsync(new Uri(basePayload.PurgeHistoryDeleteUri));
        var retryDone = await host.Api.WaitForResultsAsync(retryPayload.Id, Polling.Within(TimeSpan.FromSeconds(30)));
        using var retryPurged = await host.Http.DeleteAsync(new Uri(retryPayload.PurgeHistoryDeleteUri));
        using var basePurged = await host.Http.DeleteAsync(new Uri(basePayload.PurgeHistoryDeleteUri));

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains(retryPayload.Id, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(4, retryDone.Total);
        Assert.Equal(urls, retryDone.Results.Select(r => r.Url));
        Assert.Equal(HttpStatusCode.OK, retryPurged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, basePurged.StatusCode);
    }

    private HostSettings Settings() => new(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next());

    /// <summary>total is the job's URL count; succeeded + failed is the rows, whatever was running at the end.</summary>
    private static ResultRow[] AssertCountsMatchRows(FetchResults done, int total)
    {
        var rows = done.Results.ToArray();
        Assert.Equal(total, done.Total);
        Assert.Equal(rows.Length, done.Succeeded + done.Failed);
        Assert.Equal(rows.Length, rows.Select(r => r.Index).Distinct().Count());
        return rows;
    }

}
