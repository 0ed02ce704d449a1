using Microsoft.DurableTask;

namespace FunctionsFetch.Jobs;

/// <summary>
/// The segment orchestrator body: fans one segment's batches out under the job's cap and reports the
/// job's progress after it. Its custom status is the job's live progress while it runs.
/// </summary>
public static class FetchSegmentOrchestration
{
    public static Task<SegmentOutcome> RunAsync(TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var segment = context.GetInput<JobSegment>() ?? throw new InvalidOperationException("The segment orchestration needs a JobSegment.");
        var logger = context.CreateReplaySafeLogger(typeof(FetchSegmentOrchestration).FullName!);
        return BatchFanOut.RunAsync(context, BatchPlanner.Plan(segment.JobId, segment), segment.Before, logger);
    }
}
