using FunctionsFetch.Fetching;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Jobs;

/// <summary>
/// The orchestrator body both hosts run. Deterministic: no I/O, clock or randomness; only the context's
/// durable calls. Fans batches out under the job's cap, fans the results back in by input index, and
/// publishes progress as batches finish.
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
        var results = new UrlResult[input.Urls.Count];
        var pending = new Queue<FetchBatch>(BatchPlanner.Plan(input));
        var inFlight = new List<Task<(FetchBatch Batch, BatchOutcome Outcome)>>();
        int completed = 0, failed = 0;

        LogJobStarted(logger, context.InstanceId, input.Urls.Count, pending.Count);
        context.SetCustomStatus(new JobProgress(input.Urls.Count, completed, failed));

        while (pending.Count > 0 || inFlight.Count > 0)
        {
            while (pending.Count > 0 && inFlight.Count < input.Settings.MaxParallelBatches)
            {
                inFlight.Add(RunBatchAsync(context, pending.Dequeue(), logger));
            }

            var finished = await Task.WhenAny(inFlight);
            inFlight.Remove(finished);
            var (batch, outcome) = await finished;
            for (var i = 0; i < outcome.Results.Count; i++)
            {
                // Placed by the batch's own offset, so the order never depends on completion order.
                var result = outcome.Results[i];
                results[batch.Offset + i] = result;
                completed++;
                failed += result.IsFailure ? 1 : 0;
            }

            context.SetCustomStatus(new JobProgress(input.Urls.Count, completed, failed));
        }

        LogJobFinished(logger, context.InstanceId, completed, failed);
        return new JobOutput(results.Length, results.Length - failed, failed, results);
    }

    private static async Task<(FetchBatch Batch, BatchOutcome Outcome)> RunBatchAsync(TaskOrchestrationContext context, FetchBatch batch, ILogger logger)
    {
        try
        {
            return (batch, await context.CallActivityAsync<BatchOutcome>(FetchJobNames.FetchBatchActivity, batch, BatchRetry));
        }
        catch (TaskFailedException exception)
        {
            // One batch's crash is data for its URLs, never a failed job.
            LogBatchGaveUp(logger, context.InstanceId, batch.Number, exception.FailureDetails.ErrorMessage);
            var message = $"The batch fetching this URL failed {BatchAttempts} times: {exception.FailureDetails.ErrorMessage}";
            var results = batch.Urls
                .Select((url, i) => UrlResult.NotFetched(batch.Offset + i, url, FetchErrorKind.Canceled, message))
                .ToArray();
            return (batch, new BatchOutcome(results));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {InstanceId} started: {UrlCount} URLs in {BatchCount} batches")]
    private static partial void LogJobStarted(ILogger logger, string instanceId, int urlCount, int batchCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {InstanceId} finished: {Completed} results, {Failed} failed")]
    private static partial void LogJobFinished(ILogger logger, string instanceId, int completed, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {InstanceId} batch {BatchNumber} failed after all retries: {Reason}")]
    private static partial void LogBatchGaveUp(ILogger logger, string instanceId, int batchNumber, string reason);
}
