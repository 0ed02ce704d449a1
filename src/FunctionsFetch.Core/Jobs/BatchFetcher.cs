using FunctionsFetch.Configuration;
using FunctionsFetch.Diagnostics;
using FunctionsFetch.Fetching;
using FunctionsFetch.Results;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FunctionsFetch.Jobs;

/// <summary>
/// The activities' bodies: fetch one batch with bounded parallelism and store its results; or store error
/// results for a batch that could not be fetched.
/// </summary>
public sealed partial class BatchFetcher(UrlFetcher fetcher, IResultStore store, IOptions<FetchOptions> options, ILogger<BatchFetcher> logger)
{
    public async Task<BatchOutcome> FetchAsync(FetchBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = JobLogScope.Begin(logger, batch.JobId);
        var urls = await store.ReadInputAsync(batch.JobId, batch.Offset, batch.Count, cancellationToken);
        var results = new UrlResult[urls.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = batch.Settings.BatchParallelism };
        var bodies = batch.Settings.SaveBodies ? new JobBodySink(store, batch.JobId) : null;

        // The caller's token is not handed to ForEachAsync: a cancellation becomes a canceled result per URL.
        await Parallel.ForEachAsync(Enumerable.Range(0, results.Length), parallel, async (i, _) =>
        {
            results[i] = await fetcher.FetchAsync(urls[i].Index, urls[i].Url, batch.Settings, bodies, cancellationToken);
        });

        var outcome = await StoreAsync(batch, results);
        LogFailures(batch, results);
        LogBatchFetched(batch.JobId, batch.Number, outcome.Count, outcome.Failed);
        return outcome;
    }

    public async Task<BatchOutcome> RecordFailedAsync(FailedBatch failed)
    {
        ArgumentNullException.ThrowIfNull(failed);
        var batch = failed.Batch;
        using var scope = JobLogScope.Begin(logger, batch.JobId);
        var urls = await store.ReadInputAsync(batch.JobId, batch.Offset, batch.Count, CancellationToken.None);
        var results = urls
            .Select(url => UrlResult.NotFetched(url.Index, url.Url, FetchErrorKind.Canceled, failed.Reason))
            .ToArray();
        return await StoreAsync(batch, results);
    }

    /// <summary>Stored even while the host stops: the fetches are done, and a rerun would repeat them.</summary>
    private async Task<BatchOutcome> StoreAsync(FetchBatch batch, UrlResult[] results)
    {
        await store.WriteBatchAsync(batch.JobId, batch.Number, results, CancellationToken.None);
        return new BatchOutcome(results.Length, results.Count(r => r.IsFailure));
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} batch {BatchNumber} fetched {Count} URLs, {Failed} failed")]
    private partial void LogBatchFetched(string jobId, int batchNumber, int count, int failed);
}
