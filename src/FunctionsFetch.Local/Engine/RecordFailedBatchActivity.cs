using FunctionsFetch.Jobs;
using Microsoft.DurableTask;

namespace FunctionsFetch.Local.Engine;

/// <summary>Stores error results for a batch whose fetch activity kept failing; the body is the core's.</summary>
public sealed class RecordFailedBatchActivity(BatchFetcher fetcher) : TaskActivity<FailedBatch, BatchOutcome>
{
    public override Task<BatchOutcome> RunAsync(TaskActivityContext context, FailedBatch input) => fetcher.RecordFailedAsync(input);
}
