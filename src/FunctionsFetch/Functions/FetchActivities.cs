using FunctionsFetch.Jobs;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsFetch.Functions;

/// <summary>The activity triggers; the bodies are the core's <see cref="BatchFetcher"/>.</summary>
public sealed class FetchActivities(BatchFetcher fetcher)
{
    [Function(FetchJobNames.FetchBatchActivity)]
    public Task<BatchOutcome> FetchBatch([ActivityTrigger] FetchBatch batch, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return fetcher.FetchAsync(batch, context.CancellationToken);
    }

    [Function(FetchJobNames.RecordFailedBatchActivity)]
    public Task<BatchOutcome> RecordFailedBatch([ActivityTrigger] FailedBatch failed) => fetcher.RecordFailedAsync(failed);
}
