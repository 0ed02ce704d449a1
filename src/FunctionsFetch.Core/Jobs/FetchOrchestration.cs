using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Jobs;

/// <summary>
/// The job's orchestrator body both hosts run. Deterministic: no I/O, clock or randomness; only the
/// context's durable calls. A job of up to <see cref="BatchPlanner.MaxBatchesPerSegment"/> batches fans
/// them out itself; a larger one runs them in segments, one sub-orchestration after another, so that no
/// orchestration's history grows with the job. Each batch activity stores its own results, so history
/// carries counts only. Once the job's tolerated failure percentage is passed, no more batches start and
/// the job ends Failed.
/// </summary>
public static partial class FetchOrchestration
{
    /// <summary>A batch activity that throws is tried this often in all before its URLs get error results.</summary>
    public const int BatchAttempts = BatchFanOut.BatchAttempts;

    public static async Task<JobOutput> RunAsync(TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<FetchJobInput>() ?? throw new InvalidOperationException("The fetch orchestration needs a FetchJobInput.");
        var logger = context.CreateReplaySafeLogger(typeof(FetchOrchestration).FullName!);
        var total = input.Urls.Count;
        var batchCount = BatchPlanner.BatchCount(total, input.Settings);
        LogJobStarted(logger, context.InstanceId, total, batchCount);

        var outcome = batchCount <= BatchPlanner.MaxBatchesPerSegment
            ? await BatchFanOut.RunAsync(context, BatchPlanner.Plan(context.InstanceId, input), new JobProgress(total, 0, 0), logger)
            : await RunSegmentsAsync(context, input, logger);

        var (_, completed, failed, _) = outcome.After;
        if (outcome.ThresholdPassed)
        {
            LogThresholdPassed(logger, context.InstanceId, failed, total, input.Settings.ToleratedFailurePercent);
            throw new FailureThresholdExceededException(
                $"The job passed its tolerated failure percentage ({input.Settings.ToleratedFailurePercent}%): {failed} of {total} URLs failed; " +
                $"{total - completed} URLs were not fetched. The results gathered so far stay readable.");
        }

        LogJobFinished(logger, context.InstanceId, completed, failed);
        return new JobOutput(total, total - failed, failed);
    }

    /// <summary>
    /// One segment at a time, each with the job's whole cap of batches in flight, so the cap holds
    /// across segments. The job's custom status names the running segment, whose own status is newer.
    /// </summary>
    private static async Task<SegmentOutcome> RunSegmentsAsync(TaskOrchestrationContext context, FetchJobInput input, ILogger logger)
    {
        var progress = new JobProgress(input.Urls.Count, 0, 0);
        foreach (var planned in BatchPlanner.Segments(context.InstanceId, input))
        {
            var segmentId = BatchPlanner.SegmentInstanceId(context.InstanceId, planned.Number);
            context.SetCustomStatus(progress with { ActiveSegment = segmentId });
            var outcome = await context.CallSubOrchestratorAsync<SegmentOutcome>(
                FetchJobNames.SegmentOrchestrator, planned with { Before = progress }, new SubOrchestrationOptions(instanceId: segmentId));
            progress = outcome.After with { ActiveSegment = null };
            LogSegmentFinished(logger, context.InstanceId, planned.Number, progress.Completed, progress.Total);
            if (outcome.ThresholdPassed)
            {
                context.SetCustomStatus(progress);
                return outcome;
            }
        }

        context.SetCustomStatus(progress);
        return new SegmentOutcome(progress, ThresholdPassed: false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {InstanceId} started: {UrlCount} URLs in {BatchCount} batches")]
    private static partial void LogJobStarted(ILogger logger, string instanceId, int urlCount, int batchCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {InstanceId} finished segment {Segment}: {Completed} of {Total} URLs done")]
    private static partial void LogSegmentFinished(ILogger logger, string instanceId, int segment, int completed, int total);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {InstanceId} finished: {Completed} results, {Failed} failed")]
    private static partial void LogJobFinished(ILogger logger, string instanceId, int completed, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {InstanceId} stopped: {Failed} of {Total} URLs failed, over the tolerated {Tolerated}%")]
    private static partial void LogThresholdPassed(ILogger logger, string instanceId, int failed, int total, int tolerated);
}
