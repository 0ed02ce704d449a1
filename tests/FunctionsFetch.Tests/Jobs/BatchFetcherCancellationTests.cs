using System.Globalization;
using FunctionsFetch.Configuration;
using FunctionsFetch.Diagnostics;
using FunctionsFetch.Fetching;
using FunctionsFetch.Jobs;
using FunctionsFetch.Storage;
using FunctionsFetch.Testing;
using FunctionsFetch.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace FunctionsFetch.Tests.Jobs;

public sealed class BatchFetcherCancellationTests : IAsyncLifetime
{
    private const string JobId = "job-1";

    private readonly ServiceProvider _services = TestServices.Build();
    private readonly JobStore _store = new(new InMemoryBlobContainer());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task FetchAsync_JobCanceledMidBatch_StoresWhatWasFetchedAndCanceledRowsForTheRestWithoutFetchingThem()
    {
        // Arrange: two fast URLs, then four that hang; two fetches at a time.
        await using var server = await HangingServerAsync();
        string[] urls = [server.Url("/fast/0"), server.Url("/fast/1"), server.Url("/slow/2"), server.Url("/slow/3"), server.Url("/slow/4"), server.Url("/slow/5")];
        var batch = await StoredBatchAsync(urls, new JobSettings { BatchParallelism = 2, TimeoutSeconds = 60 });
        var fetching = Fetcher().FetchAsync(batch, CancellationToken.None);
        await Eventually.HoldsAsync(() => server.Hits == 4);

        // Act
        await _store.WriteCancelMarkAsync(JobId, CancellationToken.None);
        var outcome = await fetching.WaitAsync(TimeSpan.FromSeconds(15));

        // Assert
        var results = await ReadStoredAsync();
        Assert.Equal(Enumerable.Range(0, 6), results.Select(r => r.Index));
        Assert.Equal([200, 200], results.Take(2).Select(r => r.StatusCode));
        Assert.All(results.Skip(2), r => Assert.Equal(FetchErrorKind.Canceled, r.Error?.Kind));
        Assert.Equal(new BatchOutcome(new JobCounts(6, 2, 4)), outcome);
        Assert.Equal(4, server.Hits);
    }

    [Fact]
    public async Task FetchAsync_HostStopsMidBatch_LetsTheFetchesInFlightFinishAndHandsBackTheRestUnfetched()
    {
        // Arrange: six URLs held until released, two fetches at a time; the host's stop token, not the job's.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(_ => release.Task);
        var urls = Enumerable.Range(0, 6).Select(i => server.Url($"/held/{i}")).ToArray();
        var batch = await StoredBatchAsync(urls, new JobSettings { BatchParallelism = 2, TimeoutSeconds = 60 });
        using var hostStopping = new CancellationTokenSource();
        var fetching = Fetcher().FetchAsync(batch, hostStopping.Token);
        await Eventually.HoldsAsync(() => server.Hits == 2);

        // Act: the stop comes while two are in flight; they answer within the drain time.
        await hostStopping.CancelAsync();
        release.SetResult();
        var outcome = await fetching.WaitAsync(TimeSpan.FromSeconds(15));

        // Assert: the two in flight are stored; the four never started go back, with no wait, and were never requested.
        await AssertFirstTwoStoredAndTheRestHandedBackAsync(outcome);
        Assert.All(outcome.HandedBack!, u => Assert.Equal((0, 0), (u.Attempts, u.WaitSeconds)));
        Assert.Equal(2, server.Hits);
    }

    [Fact]
    public async Task FetchAsync_HostAlreadyStopping_HandsTheWholeBatchBackWithoutFetchingOrStoring()
    {
        // Arrange: a round of two handed-back URLs, taken by a host whose stop has begun.
        await using var server = await LoopbackServer.StartAsync(_ => Task.CompletedTask);
        var first = await StoredBatchAsync([server.Url("/0"), server.Url("/1"), server.Url("/2")], new JobSettings());
        var round = first.NextRound([new HandedBackUrl(Position: 0, Attempts: 1, WaitSeconds: 30), new HandedBackUrl(Position: 2, Attempts: 2, WaitSeconds: 30)]);
        using var stopped = new CancellationTokenSource();
        await stopped.CancelAsync();

        // Act
        var outcome = await Fetcher().FetchAsync(round, stopped.Token);

        // Assert: the same positions and attempts go back with no wait.
        Assert.Equal([new HandedBackUrl(0, 1, 0), new HandedBackUrl(2, 2, 0)], outcome.HandedBack!);
        Assert.Equal(0, outcome.Stored.Total);
        Assert.Empty(await ReadStoredAsync());
        Assert.Equal(0, server.Hits);
    }

    [Fact]
    public async Task FetchAsync_HostStopsAndFetchesOutlastTheDrain_CutsThemAndHandsThemBackWithoutCancelingThem()
    {
        // Arrange: two fast URLs, then four that hang; two fetches at a time; one second of drain.
        _services.GetRequiredService<IOptions<FetchOptions>>().Value.DrainSeconds = 1;
        await using var server = await HangingServerAsync();
        string[] urls = [server.Url("/fast/0"), server.Url("/fast/1"), server.Url("/slow/2"), server.Url("/slow/3"), server.Url("/slow/4"), server.Url("/slow/5")];
        var batch = await StoredBatchAsync(urls, new JobSettings { BatchParallelism = 2, TimeoutSeconds = 60 });
        using var hostStopping = new CancellationTokenSource();
        var fetching = Fetcher().FetchAsync(batch, hostStopping.Token);
        await Eventually.HoldsAsync(() => server.Hits == 4);

        // Act
        await hostStopping.CancelAsync();
        var outcome = await fetching.WaitAsync(TimeSpan.FromSeconds(15));

        // Assert: only the two finished rows are stored; the two cut short and the two never started go back to be fetched at once.
        await AssertFirstTwoStoredAndTheRestHandedBackAsync(outcome);
        Assert.All(outcome.HandedBack!, u => Assert.Equal(0, u.WaitSeconds));
        Assert.Equal(4, server.Hits);
        Assert.False(await _store.IsCancelMarkedAsync(JobId, CancellationToken.None));
    }

    [Fact]
    public async Task FetchAsync_JobEndedBeforeTheBatchStarts_FetchesAndStoresNothing()
    {
        // Arrange: a redelivered batch of a job that was canceled meanwhile.
        await using var server = await HangingServerAsync();
        var batch = await StoredBatchAsync([server.Url("/fast/0")], new JobSettings());
        await _store.WriteCancelMarkAsync(JobId, CancellationToken.None);

        // Act
        var outcome = await Fetcher().FetchAsync(batch, CancellationToken.None);

        // Assert
        Assert.Equal(new BatchOutcome(new JobCounts(0, 0, 0)), outcome);
        Assert.Empty(await ReadStoredAsync());
        Assert.Equal(0, server.Hits);
    }

    [Fact]
    public async Task FetchAsync_OrchestrationTerminatedWithoutAMark_StopsWhenTheProbeSaysItEnded()
    {
        // Arrange: a terminate through the Durable API writes no mark; the instance's status tells.
        await using var server = await HangingServerAsync();
        var batch = await StoredBatchAsync([server.Url("/slow/0"), server.Url("/slow/1")], new JobSettings { TimeoutSeconds = 60 });
        var ended = false;
        var probe = new Mock<IJobStateProbe>();
        probe.Setup(p => p.HasEndedAsync(JobId, It.IsAny<CancellationToken>())).ReturnsAsync(() => Volatile.Read(ref ended));
        var fetching = Fetcher().FetchAsync(batch, probe.Object, CancellationToken.None);
        await Eventually.HoldsAsync(() => server.Hits == 2);

        // Act
        Volatile.Write(ref ended, true);
        var outcome = await fetching.WaitAsync(TimeSpan.FromSeconds(15));

        // Assert
        Assert.Equal(new BatchOutcome(new JobCounts(2, 0, 2)), outcome);
        Assert.All(await ReadStoredAsync(), r => Assert.Equal(FetchErrorKind.Canceled, r.Error?.Kind));
    }

    [Fact]
    public async Task FetchAsync_UrlMustWaitLong_IsHandedBackAndNotStored()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            if (context.Request.Path.StartsWithSegments("/busy", StringComparison.Ordinal))
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = 100_000.ToString(CultureInfo.InvariantCulture);
            }

            return Task.CompletedTask;
        });
        var batch = await StoredBatchAsync([server.Url("/ok"), server.Url("/busy"), server.Url("/ok")], new JobSettings { MaxAttempts = 3 });

        // Act
        var outcome = await Fetcher().FetchAsync(batch, CancellationToken.None);

        // Assert: capped by Fetch:MaxRetryDelaySeconds (30); one attempt spent.
        Assert.Equal(new HandedBackUrl(Position: 1, Attempts: 1, WaitSeconds: 30), Assert.Single(outcome.HandedBack!));
        Assert.Equal([0, 2], (await ReadStoredAsync()).Select(r => r.Index));
        Assert.Equal(2, outcome.Stored.Total);
    }

    [Fact]
    public async Task FetchAsync_RoundOfHandedBackUrls_FetchesOnlyThoseAndStoresThemAsItsOwnRound()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync(_ => Task.CompletedTask);
        var first = await StoredBatchAsync([server.Url("/0"), server.Url("/1"), server.Url("/2")], new JobSettings());
        var round = first.NextRound([new HandedBackUrl(Position: 1, Attempts: 2, WaitSeconds: 30)]);

        // Act
        var outcome = await Fetcher().FetchAsync(round, CancellationToken.None);

        // Assert
        var result = Assert.Single(await ReadStoredAsync());
        Assert.Equal(1, result.Index);
        Assert.Equal(3, result.Attempts);
        Assert.Equal(new BatchOutcome(new JobCounts(1, 1, 0)), outcome);
        Assert.Equal(1, server.Hits);
    }


    /// <summary>Answers <c>/fast/…</c> at once and holds <c>/slow/…</c> until the client gives up.</summary>
    private static Task<LoopbackServer> HangingServerAsync() =>
        LoopbackServer.StartAsync(async context =>
        {
            if (context.Request.Path.StartsWithSegments("/slow", StringComparison.Ordinal))
            {
                await Task.Delay(TimeSpan.FromMinutes(2), context.RequestAborted);
            }
        });

    private BatchFetcher Fetcher() => new(
        _services.GetRequiredService<UrlFetcher>(),
        _store,
        new JobCancellationWatcher(_store, NullLogger<JobCancellationWatcher>.Instance),
        new StorageOutageRetry(NullLogger<StorageOutageRetry>.Instance),
        _services.GetRequiredService<HostBackoff>(),
        _services.GetRequiredService<FetchMetrics>(),
        _services.GetRequiredService<IOptions<FetchOptions>>(),
        NullLogger<BatchFetcher>.Instance);

    private async Task AssertFirstTwoStoredAndTheRestHandedBackAsync(BatchOutcome outcome)
    {
        var results = await ReadStoredAsync();
        Assert.Equal([0, 1], results.Select(r => r.Index));
        Assert.Equal([200, 200], results.Select(r => r.StatusCode));
        Assert.Equal(new JobCounts(2, 2, 0), outcome.Stored);
        Assert.Equal([2, 3, 4, 5], outcome.HandedBack!.Select(u => u.Position));
    }

    private async Task<List<UrlResult>> ReadStoredAsync()
    {
        var results = new List<UrlResult>();
        await foreach (var result in new JobResultsReader(_store).ReadMergedAsync(JobId, CancellationToken.None))
        {
            results.Add(result);
        }

        return results;
    }

    private async Task<FetchBatch> StoredBatchAsync(string[] urls, JobSettings settings)
    {
        await _store.WriteInputAsync(JobId, new JobRequest(urls, settings).ToJobUrls(), CancellationToken.None);
        return new FetchBatch(JobId, 0, 0, urls.Length, JobPlanner.Plan(settings, urls.Length, ActivitySlots.Default));
    }
}
