using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Jobs;

/// <summary>
/// The orchestrator body both hosts run. Deterministic: no I/O, clock or randomness; only the context's
/// durable calls. Fans batches out under the job's cap and publishes progress as they finish; each batch
/// activity stores its own results, so history carries counts only. Stops scheduling once the job's
/// tolerated failure percentage is passed, and then ends Failed.
/// </summary>
public static partial class FetchOrchestration
{
    /// <summary>A batch activity that throws is tried this often in all before its URLs get error results.</summary>
    public const int BatchAttempts = 3;

    private static readonly TaskOptions BatchRetry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: BatchAttempts, firstRetryInterval: TimeSpan.FromSeconds(5), backoffCoefficient: 2.0));

    public static async Task<JobOutput> RunAsync(TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<FetchJobInput>() ?? throw new InvalidOperationException("The fetch orchestration needs a FetchJobInput.");
        var logger = context.CreateReplaySafeLogger(typeof(FetchOrchestration).FullName!);
        var total = input.Urls.Count;
        var pending = new Queue<FetchBatch>(BatchPlanner.Plan(context.InstanceId, input));
        var inFlight = new List<Task<BatchOutcome>>();
        int completed = 0, failed = 0;
        var thresholdPassed = false;

        LogJobStarted(logger, context.InstanceId, total, pending.Count);
        context.SetCustomStatus(new JobProgress(total, completed, failed));

        while (inFlight.Count > 0 || (pending.Count > 0 && !thresholdPassed))
        {
            while (!thresholdPassed && pending.Count > 0 && inFlight.Count < input.Settings.MaxParallelBatches)
            {
                inFlight.Add(RunBatchAsync(context, pending.Dequeue(), logger));
            }

            var finished = await Task.WhenAny(inFlight);
            inFlight.Remove(finished);
            var outcome = await finished;
            completed += outcome.Count;
            failed += outcome.Failed;
            context.SetCustomStatus(new JobProgress(total, completed, failed));

            // Integer arithmetic: the threshold is passed when failed/total > tolerated/100.
            thresholdPassed |= (long)failed * 100 > (long)input.Settings.ToleratedFailurePercent * total;
        }

        if (thresholdPassed)
        {
            LogThresholdPassed(logger, context.InstanceId, failed, total, input.Settings.ToleratedFailurePercent);
            throw new FailureThresholdExceededException(
                $"The job passed its tolerated failure percentage ({input.Settings.ToleratedFailurePercent}%): {failed} of {total} URLs failed; " +
                $"{total - completed} URLs were not fetched. The results gathered so far stay readable.");
        }

        LogJobFinished(logger, context.InstanceId, completed, failed);
        return new JobOutput(total, total - failed, failed);
    }

    private static async Task<BatchOutcome> RunBatchAsync(TaskOrchestrationContext context, FetchBatch batch, ILogger logger)
    {
        try
        {
            return await context.CallActivityAsync<BatchOutcome>(FetchJobNames.FetchBatchActivity, batch, BatchRetry);
        }
        catch (TaskFailedException exception)
        {
            // One batch's crash is data for its URLs, never a failed job.
            LogBatchGaveUp(logger, context.InstanceId, batch.Number, exception.FailureDetails.ErrorMessage);
            var reason = $"The batch fetching this URL failed {BatchAttempts} times: {exception.FailureDetails.ErrorMessage}";
            return await context.CallActivityAsync<BatchOutcome>(FetchJobNames.RecordFailedBatchActivity, new FailedBatch(batch, reason), BatchRetry);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {InstanceId} started: {UrlCount} URLs in {BatchCount} batches")]
    private static partial void LogJobStarted(ILogger logger, string instanceId, int urlCount, int batchCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {InstanceId} finished: {Completed} results, {Failed} failed")]
    private static partial void LogJobFinished(ILogger logger, string instanceId, int completed, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {InstanceId} batch {BatchNumber} failed after all retries: {Reason}")]
    private static partial void LogBatchGaveUp(ILogger logger, string instanceId, int batchNumber, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {InstanceId} stopped: {Failed} of {Total} URLs failed, over the tolerated {Tolerated}%")]
    private static partial void LogThresholdPassed(ILogger logger, string instanceId, int failed, int total, int tolerated);
}
