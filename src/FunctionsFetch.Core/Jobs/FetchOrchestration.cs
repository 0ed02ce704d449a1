using FunctionsFetch.Diagnostics;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Jobs;

/// <summary>
/// The orchestrator body both hosts run. Deterministic: no I/O, clock or randomness; only the context's
/// durable calls. Fans batches out under the job's cap and publishes progress as they finish; each batch
/// activity stores its own results, so history carries counts only. A generation runs at most
/// <see cref="BatchPlanner.MaxBatchesPerGeneration"/> batches, then continues as new with the rest and the
/// progress so far, so a 100,000-URL job's history stays as small as a short job's. Once the job's
/// tolerated failure percentage is passed, no more batches start and the job ends Failed. A job with a completion callback tells its
/// callback orchestration when it ends.
/// </summary>
public static partial class FetchOrchestration
{
    public static Task<JobCounts> RunAsync(TaskOrchestrationContext context) => RunAsync(context, metrics: null);

    /// <param name="context">The orchestration's context.</param>
    /// <param name="metrics">
    /// Where the job's end is counted (Completed, or Failed past its threshold), only by the execution that is not a replay;
    /// a job terminated is counted by whoever terminates it. Null: not counted.
    /// </param>
    public static async Task<JobCounts> RunAsync(TaskOrchestrationContext context, FetchMetrics? metrics)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<FetchJobInput>() ?? throw new InvalidOperationException("The fetch orchestration needs a FetchJobInput.");
        var logger = context.CreateReplaySafeLogger(typeof(FetchOrchestration).FullName!);
        var total = input.UrlCount;
        var batchCount = BatchPlanner.BatchCount(total, input.Settings);
        if (input.StartBatch == 0)
        {
            LogJobStarted(logger, context.InstanceId, total, batchCount);
        }

        var generation = BatchPlanner.Plan(context.InstanceId, input, input.StartBatch, BatchPlanner.MaxBatchesPerGeneration);
        var outcome = await BatchFanOut.RunAsync(context, generation, input.Settings, input.Before ?? JobCounts.Start(total), logger, input.Throttled);
        var after = outcome.After;
        var next = input.StartBatch + generation.Count;
        if (!outcome.ThresholdPassed && next < batchCount)
        {
            // A fresh history for the rest of the job; the output of this generation is never read. A retune that came
            // after this generation stopped listening is carried over, not dropped.
            LogContinuing(logger, context.InstanceId, after.Completed, total);
            context.ContinueAsNew(
                input with { Settings = outcome.Settings, StartBatch = next, Before = after, Throttled = outcome.Throttled }, preserveUnprocessedEvents: true);
            return after;
        }

        TellCallback(context, input);
        if (outcome.ThresholdPassed)
        {
            LogThresholdPassed(logger, context.InstanceId, after.Failed, total, input.Settings.ToleratedFailurePercent);
            CountEnd(context, metrics, "Failed");
            throw new FailureThresholdExceededException(
                $"The job passed its tolerated failure percentage ({input.Settings.ToleratedFailurePercent}%): {after.Failed} of {total} URLs failed; " +
                $"{after.Pending} URLs were not fetched. The results gathered so far stay readable.");
        }

        LogJobFinished(logger, context.InstanceId, after.Completed, after.Failed);
        CountEnd(context, metrics, "Completed");
        return after;
    }

    /// <summary>
    /// Tells the job's callback orchestration that the job ends now, so it delivers without waiting for its next poll. Only a job started
    /// with its callback: a copy of this input restarted under another id (the Durable API's restart) has no callback orchestration.
    /// </summary>
    private static void TellCallback(TaskOrchestrationContext context, FetchJobInput input)
    {
        if (input.HasCallback && (input.InputJobId ?? context.InstanceId) == context.InstanceId)
        {
            context.SendEvent(FetchJobNames.CallbackInstanceId(context.InstanceId), FetchJobNames.JobEndedEvent, true);
        }
    }

    /// <summary>Counts the job's end once: never while replaying.</summary>
    private static void CountEnd(TaskOrchestrationContext context, FetchMetrics? metrics, string runtimeStatus)
    {
        if (!context.IsReplaying)
        {
            metrics?.JobEnded(runtimeStatus);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {InstanceId} started: {UrlCount} URLs in {BatchCount} batches")]
    private static partial void LogJobStarted(ILogger logger, string instanceId, int urlCount, int batchCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {InstanceId} continues as new after {Completed} of {Total} URLs")]
    private static partial void LogContinuing(ILogger logger, string instanceId, int completed, int total);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {InstanceId} finished: {Completed} results, {Failed} failed")]
    private static partial void LogJobFinished(ILogger logger, string instanceId, int completed, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {InstanceId} stopped: {Failed} of {Total} URLs failed, over the tolerated {Tolerated}%")]
    private static partial void LogThresholdPassed(ILogger logger, string instanceId, int failed, int total, int tolerated);
}
