using FunctionsFetch.Jobs;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsFetch.Functions;

/// <summary>The fetch activity trigger; the body is the core's <see cref="BatchFetcher"/>.</summary>
public sealed class FetchActivities(BatchFetcher fetcher)
{
    [Function(FetchJobNames.FetchBatchActivity)]
    public Task<BatchOutcome> FetchBatch([ActivityTrigger] FetchBatch batch, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return fetcher.FetchAsync(batch, context.CancellationToken);
    }
}
