using FunctionsFetch.Jobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Functions;

/// <summary>The activity triggers; the bodies are the core's <see cref="BatchFetcher"/>.</summary>
public sealed class FetchActivities(BatchFetcher fetcher)
{
    /// <param name="batch">What to fetch.</param>
    /// <param name="client">Lets the batch see its job terminated (also through the Durable API) and stop fetching.</param>
    /// <param name="context">The invocation; its token is the host's stop.</param>
    [Function(FetchJobNames.FetchBatchActivity)]
    public Task<BatchOutcome> FetchBatch([ActivityTrigger] FetchBatch batch, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return fetcher.FetchAsync(batch, new DurableJobStateProbe(client), context.CancellationToken);
    }

    [Function(FetchJobNames.RecordFailedBatchActivity)]
    public Task<BatchOutcome> RecordFailedBatch([ActivityTrigger] FailedBatch failed) => fetcher.RecordFailedAsync(failed);
}
