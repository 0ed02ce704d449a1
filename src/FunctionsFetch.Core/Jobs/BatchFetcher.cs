using FunctionsFetch.Fetching;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Jobs;

/// <summary>The fetch activity's body: fetches one batch with bounded parallelism.</summary>
public sealed partial class BatchFetcher(UrlFetcher fetcher, ILogger<BatchFetcher> logger)
{
    public async Task<BatchOutcome> FetchAsync(FetchBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var results = new UrlResult[batch.Urls.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = batch.Settings.BatchParallelism };

        // The caller's token is not handed to ForEachAsync: a cancellation becomes a canceled result per URL.
        await Parallel.ForEachAsync(Enumerable.Range(0, results.Length), parallel, async (i, _) =>
        {
            results[i] = await fetcher.FetchAsync(batch.Offset + i, batch.Urls[i], batch.Settings, cancellationToken);
        });

        var failed = results.Count(r => r.IsFailure);
        LogBatchFetched(batch.Number, results.Length, failed);
        return new BatchOutcome(results);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {BatchNumber} fetched {Count} URLs, {Failed} failed")]
    private partial void LogBatchFetched(int batchNumber, int count, int failed);
}
