using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Jobs;

/// <summary>
/// The fan-out/fan-in loop of one generation of a job's orchestration (a whole job, or up to 500 batches of a large one). Keeps at
/// most the job's cap of batches in flight, publishes progress as each finishes, and stops scheduling
/// once the job's tolerated failure percentage is passed. Deterministic: only the context's durable calls.
/// </summary>
public static partial class BatchFanOut
{
    /// <summary>A batch activity that throws is tried this often in all before its URLs get error results.</summary>
    public const int BatchAttempts = 3;

    private static readonly TaskOptions BatchRetry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: BatchAttempts, firstRetryInterval: TimeSpan.FromSeconds(5), backoffCoefficient: 2.0));

    public static async Task<FanOutOutcome> RunAsync(
        TaskOrchestrationContext context, IReadOnlyList<FetchBatch> batches, JobProgress before, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(before);
        if (batches.Count == 0)
        {
            return new FanOutOutcome(before, ThresholdPassed: false);
        }

        var settings = batches[0].Settings;
        var pending = new Queue<FetchBatch>(batches);
        var inFlight = new List<Task<BatchOutcome>>();
        var progress = before;
        var thresholdPassed = PassesThreshold(progress, settings.ToleratedFailurePercent);
        context.SetCustomStatus(progress);

        while (inFlight.Count > 0 || (pending.Count > 0 && !thresholdPassed))
        {
            while (!thresholdPassed && pending.Count > 0 && inFlight.Count < settings.MaxParallelBatches)
            {
                inFlight.Add(RunBatchAsync(context, pending.Dequeue(), logger));
            }

            var finished = await Task.WhenAny(inFlight);
            inFlight.Remove(finished);
            var outcome = await finished;
            progress = progress with { Completed = progress.Completed + outcome.Count, Failed = progress.Failed + outcome.Failed };
            context.SetCustomStatus(progress);
            thresholdPassed |= PassesThreshold(progress, settings.ToleratedFailurePercent);
        }

        return new FanOutOutcome(progress, thresholdPassed);
    }

    /// <summary>Integer arithmetic: the threshold is passed when failed/total > tolerated/100.</summary>
    private static bool PassesThreshold(JobProgress progress, int toleratedPercent) =>
        (long)progress.Failed * 100 > (long)toleratedPercent * progress.Total;

    private static async Task<BatchOutcome> RunBatchAsync(TaskOrchestrationContext context, FetchBatch batch, ILogger logger)
    {
        try
        {
            return await context.CallActivityAsync<BatchOutcome>(FetchJobNames.FetchBatchActivity, batch, BatchRetry);
        }
        catch (TaskFailedException exception)
        {
            // One batch's crash is data for its URLs, never a failed job.
            LogBatchGaveUp(logger, batch.JobId, batch.Number, exception.FailureDetails.ErrorMessage);
            var reason = $"The batch fetching this URL failed {BatchAttempts} times: {exception.FailureDetails.ErrorMessage}";
            return await context.CallActivityAsync<BatchOutcome>(FetchJobNames.RecordFailedBatchActivity, new FailedBatch(batch, reason), BatchRetry);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {InstanceId} batch {BatchNumber} failed after all retries: {Reason}")]
    private static partial void LogBatchGaveUp(ILogger logger, string instanceId, int batchNumber, string reason);
}
