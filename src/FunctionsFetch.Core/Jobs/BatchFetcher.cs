using FunctionsFetch.Configuration;
using FunctionsFetch.Diagnostics;
using FunctionsFetch.Fetching;
using FunctionsFetch.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FunctionsFetch.Jobs;

/// <summary>
/// The activities' bodies: fetch one batch with bounded parallelism and store its results; or store error
/// results for a batch that could not be fetched. A batch stops as soon as its job is canceled or has
/// ended (<see cref="JobCancellationWatcher"/>): what it fetched is stored, the URLs it had not fetched get
/// <c>canceled</c> results, and a batch that starts after its job ended stores nothing. URLs whose next
/// attempt must wait longer than <c>Fetch:HandBackAfterSeconds</c> are handed back in the outcome instead. A stopping
/// host's batch starts no fetch, lets those in flight finish for <c>Fetch:DrainSeconds</c> (<see cref="BatchStop"/>), and
/// hands back the URLs it did not fetch and the fetches the drain cut short. A batch saves its finished results as it goes (<see cref="BatchCheckpoint"/>), so
/// a delivery after a crash fetches only what the last one had not finished, and it waits out a storage outage
/// (<see cref="StorageOutageRetry"/>) rather than failing. Once a batch's results are stored, each new one counts in
/// <see cref="FetchMetrics"/> (those an earlier delivery saved were counted by it), and the batch by its outcome.
/// </summary>
public sealed partial class BatchFetcher(
    UrlFetcher fetcher,
    JobStore store,
    JobCancellationWatcher watcher,
    StorageOutageRetry storage,
    HostBackoff backoff,
    FetchMetrics metrics,
    IOptions<FetchOptions> options,
    ILogger<BatchFetcher> logger)
{
    public Task<BatchOutcome> FetchAsync(FetchBatch batch, CancellationToken cancellationToken) =>
        FetchAsync(batch, probe: null, cancellationToken);

    /// <param name="batch">What to fetch.</param>
    /// <param name="probe">Reads the job's orchestration status, so a terminate through the Durable API stops the batch too.</param>
    /// <param name="cancellationToken">The host's stop: the URLs it kept from being fetched are handed back to be fetched at once by whichever host runs the next round, never stored as canceled.</param>
    public async Task<BatchOutcome> FetchAsync(FetchBatch batch, IJobStateProbe? probe, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = JobLogScope.Begin(logger, batch.JobId);
        if (cancellationToken.IsCancellationRequested)
        {
            // Taken by a host already stopping: all of it goes back at once, nothing read, nothing stored.
            var all = Work(batch).Select(u => u with { WaitSeconds = 0 }).ToArray();
            LogHostStopping(batch.JobId, batch.Number, all.Length, 0);
            metrics.BatchEnded(BatchOutcomes.HostStopping);
            return BatchOutcome.Nothing with { HandedBack = all };
        }

        // Storage calls end only when the drain does: a stop that comes while the batch starts still lets it hand back.
        using var hostStop = new BatchStop(TimeSpan.FromSeconds(options.Value.DrainSeconds), cancellationToken);
        using var watch = await storage.ExecuteAsync(ct => watcher.WatchAsync(batch.JobId, probe, ct), hostStop.Cut);
        if (watch.JobEnded)
        {
            // Delivered again after its job ended: the job's rows stay as they were.
            LogSkippedEndedJob(batch.JobId, batch.Number, batch.Round);
            metrics.BatchEnded(BatchOutcomes.JobEnded);
            return BatchOutcome.Nothing;
        }

        var startedAt = backoff.Time.GetTimestamp();
        var urls = await storage.ExecuteAsync(ct => store.ReadInputAsync(batch.InputOf, batch.Offset, batch.Count, ct), hostStop.Cut);
        var headers = batch.HasHeaders ? await storage.ExecuteAsync(ct => ReadHeadersAsync(batch.InputOf, ct), hostStop.Cut) : null;
        var priors = batch.HasValidators
            ? await storage.ExecuteAsync(ct => store.ReadValidatorsAsync(batch.InputOf, batch.Offset, batch.Count, ct), hostStop.Cut)
            : null;
        await using var checkpoint = await BatchCheckpoint.OpenAsync(store, batch, CheckpointPolicy.For(options.Value, batch.Settings), storage, logger, hostStop.Cut);
        var (work, kept) = Split(Work(batch), urls, checkpoint.Saved);
        if (kept.Length > 0)
        {
            LogResumed(batch.JobId, batch.Number, batch.Round, kept.Length, work.Count);
        }

        var fetches = new UrlFetch[work.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = batch.Settings.BatchParallelism };
        var bodies = batch.Settings.SaveBodies ? new JobBodySink(store, batch.JobId) : null;
        var handBackAfter = TimeSpan.FromSeconds(options.Value.HandBackAfterSeconds);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(hostStop.Cut, watch.Token);

        var notStarted = 0;

        // The caller's token is not handed to ForEachAsync: a cancellation becomes a canceled result per URL.
        await Parallel.ForEachAsync(Enumerable.Range(0, work.Count), parallel, async (i, _) =>
        {
            var url = urls[work[i].Position];
            if (hostStop.Draining.IsCancellationRequested)
            {
                fetches[i] = NotStarted(url, work[i].Attempts);
                Interlocked.Increment(ref notStarted);
                return;
            }

            var prior = priors?.GetValueOrDefault(url.Index);
            var fetch = await fetcher.FetchOrHandBackAsync(url.Index, url.Url, batch.Settings, headers, prior, bodies, work[i].Attempts, handBackAfter, batch.JobId, stop.Token);
            fetches[i] = fetch;
            if (!fetch.IsHandedBack && fetch.Result.Error?.Kind != FetchErrorKind.Canceled)
            {
                checkpoint.Add(fetch.Result);
            }
        });

        // A canceled job fetches nothing later, so what it handed back is canceled now.
        var jobEnded = watch.JobEnded;
        if (cancellationToken.IsCancellationRequested && !jobEnded)
        {
            fetches = HandBackWhatTheStopCut(fetches);
            var handedBackCount = fetches.Count(f => f.IsHandedBack);
            LogHostStopping(batch.JobId, batch.Number, notStarted, handedBackCount - notStarted);
        }

        var fetched = fetches
            .Where(f => !f.IsHandedBack || jobEnded)
            .Select(f => f.IsHandedBack ? f.Result with { Error = new FetchError(FetchErrorKind.Canceled, "The job was canceled before this URL's next attempt.") } : f.Result)
            .ToArray();
        var results = fetched.Concat(kept).OrderBy(r => r.Index).ToArray();
        HandedBackUrl[] handedBack = jobEnded ? [] : HandedBack(work, fetches);
        // Parsing every URL's host again is skipped while no host in this process has throttled.
        IReadOnlyList<ThrottledHost> throttled = backoff.AnyThrottled ? backoff.Throttled(HostsOf(fetches.Select(f => f.Result).Concat(kept)), startedAt) : [];
        var outcome = await StoreAsync(batch, results) with
        {
            HandedBack = handedBack.Length == 0 ? null : handedBack,
            Throttled = throttled.Count == 0 ? null : throttled,
        };
        Count(fetched, BatchOutcomes.Stored);
        LogFailures(batch, results);
        LogBatchFetched(batch.JobId, batch.Number, outcome.Stored.Total, outcome.Stored.Failed, handedBack.Length, checkpoint.Written);
        return outcome;
    }

    public async Task<BatchOutcome> RecordFailedAsync(FailedBatch failed)
    {
        ArgumentNullException.ThrowIfNull(failed);
        var batch = failed.Batch;
        using var scope = JobLogScope.Begin(logger, batch.JobId);
        var urls = await storage.ExecuteAsync(ct => store.ReadInputAsync(batch.InputOf, batch.Offset, batch.Count, ct), CancellationToken.None);
        var results = Work(batch)
            .Select(item => urls[item.Position])
            .Select(url => UrlResult.NotFetched(url.Index, url.Url, FetchErrorKind.BatchFailed, failed.Reason))
            .ToArray();
        var outcome = await StoreAsync(batch, results);
        Count(results, BatchOutcomes.Failed);
        return outcome;
    }

    /// <summary>Counts a batch whose results are stored, and each result it stored for the first time.</summary>
    private void Count(UrlResult[] stored, string outcome)
    {
        foreach (var result in stored)
        {
            metrics.Fetched(result);
        }

        metrics.BatchEnded(outcome);
    }

    /// <summary>The hosts the batch's fetches asked (those handed back too): each URL's and, after redirects, its final URL's.</summary>
    private static IEnumerable<string> HostsOf(IEnumerable<UrlResult> results) =>
        results.SelectMany(r => new[] { r.Url, r.FinalUrl })
            .Select(url => HttpUrl.TryParse(url, out var uri) ? HostAuthority.Of(uri) : null)
            .OfType<string>();

    /// <summary>The job's request headers, stored when it started (with its URLs, under the job whose input the batch reads).</summary>
    private async Task<RequestHeaders> ReadHeadersAsync(string inputJobId, CancellationToken cancellationToken) =>
        await store.ReadHeadersAsync(inputJobId, cancellationToken) ?? throw new InvalidOperationException($"Job '{inputJobId}' has no stored request headers.");

    /// <summary>The batch's positions to fetch, with the attempts already made for each.</summary>
    private static IReadOnlyList<HandedBackUrl> Work(FetchBatch batch) =>
        batch.HandedBack ?? Enumerable.Range(0, batch.Count).Select(position => new HandedBackUrl(position, 0, 0)).ToArray();

    /// <summary>The positions still to fetch, and the results an earlier delivery saved for the others.</summary>
    private static (IReadOnlyList<HandedBackUrl> Work, UrlResult[] Kept) Split(
        IReadOnlyList<HandedBackUrl> work, IReadOnlyList<JobUrl> urls, IReadOnlyDictionary<int, UrlResult> saved)
    {
        if (saved.Count == 0)
        {
            return (work, []);
        }

        var rest = work.Where(item => !saved.ContainsKey(urls[item.Position].Index)).ToArray();
        var kept = work.Select(item => urls[item.Position].Index).Where(saved.ContainsKey).Select(index => saved[index]).ToArray();
        return (rest, kept);
    }

    /// <summary>A URL the stopping host did not start: back to the orchestration with no wait (canceled if its job ended).</summary>
    private static UrlFetch NotStarted(JobUrl url, int attempts) =>
        new(UrlResult.NotFetched(url.Index, url.Url, FetchErrorKind.Canceled, "The host stopped before this URL was fetched.", attempts: attempts), TimeSpan.Zero);

    private static HandedBackUrl[] HandedBack(IReadOnlyList<HandedBackUrl> work, UrlFetch[] fetches) =>
        fetches
            .Select((fetch, i) => (fetch, work[i].Position))
            .Where(f => f.fetch.IsHandedBack)
            .Select(f => new HandedBackUrl(f.Position, f.fetch.Result.Attempts, (int)Math.Ceiling(f.fetch.HandBackAfter!.Value.TotalSeconds)))
            .ToArray();

    /// <summary>
    /// A host that stops has not canceled the job (on Flex Consumption every scale-in stops one): the fetches the drain
    /// cut short go back to the orchestration with no wait, and their attempts so far still count.
    /// </summary>
    private static UrlFetch[] HandBackWhatTheStopCut(UrlFetch[] fetches) =>
        fetches
            .Select(f => !f.IsHandedBack && f.Result.Error?.Kind == FetchErrorKind.Canceled ? f with { HandBackAfter = TimeSpan.Zero } : f)
            .ToArray();

    /// <summary>Stored even while the host stops, and through a storage outage: the fetches are done, and a rerun would repeat them.</summary>
    private async Task<BatchOutcome> StoreAsync(FetchBatch batch, UrlResult[] results)
    {
        await storage.ExecuteAsync(ct => store.WriteBatchAsync(batch.JobId, batch.Number, batch.Round, results, ct), CancellationToken.None);
        return new BatchOutcome(JobCounts.Of(results));
    }

    /// <summary>Debug only: one line per failed URL, its query string redacted unless <c>Fetch:LogUrlQueries</c>.</summary>
    private void LogFailures(FetchBatch batch, UrlResult[] results)
    {
        if (!logger.IsEnabled(LogLevel.Debug))
        {
            return;
        }

        var keepQuery = options.Value.LogUrlQueries;
        foreach (var result in results.Where(r => r.IsFailure))
        {
            var url = UrlForLogs.Redact(result.Url, keepQuery);
            LogUrlFailed(logger, batch.JobId, result.Index, url, result.StatusCode, result.Error?.Kind);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Job {JobId} URL {Index} {Url} failed: status {StatusCode}, error {ErrorKind}")]
    private static partial void LogUrlFailed(ILogger logger, string jobId, int index, string url, int? statusCode, FetchErrorKind? errorKind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} batch {BatchNumber} fetched {Count} URLs, {Failed} failed, {HandedBack} handed back, {Checkpoints} checkpoints")]
    private partial void LogBatchFetched(string jobId, int batchNumber, int count, int failed, int handedBack, int checkpoints);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} batch {BatchNumber} round {Round} delivered again: {Kept} results an earlier delivery saved are kept, {Rest} URLs left to fetch")]
    private partial void LogResumed(string jobId, int batchNumber, int round, int kept, int rest);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} batch {BatchNumber}: the host is stopping; handed back to be fetched again: {NotStarted} URLs not started, {Other} cut short or waiting to retry")]
    private partial void LogHostStopping(string jobId, int batchNumber, int notStarted, int other);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} batch {BatchNumber} round {Round} not run: the job has ended")]
    private partial void LogSkippedEndedJob(string jobId, int batchNumber, int round);
}
