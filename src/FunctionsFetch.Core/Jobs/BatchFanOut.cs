using FunctionsFetch.Configuration;
using FunctionsFetch.Fetching;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Jobs;

/// <summary>
/// The fan-out/fan-in loop of one generation of a job's orchestration (a whole job, or up to 500 batches of a large one). Keeps at
/// most the job's cap of batches in flight, publishes progress as each finishes, and stops scheduling
/// once the job's tolerated failure percentage is passed. URLs a batch handed back (their next attempt must
/// wait) run as a later round of that batch after a durable timer, so the wait holds no activity slot. The custom
/// status carries the counts, the hosts throttling the job and its concurrency (<see cref="JobLiveStatus"/>). A
/// <see cref="FetchJobNames.ConcurrencyEvent"/> retunes the batches started after it. Deterministic: only the context's durable calls.
/// </summary>
public static partial class BatchFanOut
{
    /// <summary>A batch activity that throws is tried this often in all before its URLs get error results.</summary>
    public const int BatchAttempts = 3;

    private static readonly TaskOptions BatchRetry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: BatchAttempts, firstRetryInterval: TimeSpan.FromSeconds(5), backoffCoefficient: 2.0));

    /// <param name="context">The orchestration's context.</param>
    /// <param name="batches">This generation's batches.</param>
    /// <param name="settings">The settings the job runs with now: the batches' own, or those of the last retune.</param>
    /// <param name="before">The job's progress when the generation starts.</param>
    /// <param name="logger">A replay-safe logger.</param>
    /// <param name="throttledBefore">The hosts the last generation saw throttling the job.</param>
    public static async Task<FanOutOutcome> RunAsync(
        TaskOrchestrationContext context,
        IReadOnlyList<FetchBatch> batches,
        JobSettings settings,
        JobCounts before,
        ILogger logger,
        IReadOnlyList<ThrottledHost>? throttledBefore = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(before);
        if (batches.Count == 0)
        {
            return new FanOutOutcome(before, ThresholdPassed: false, settings, throttledBefore);
        }

        var pending = new Queue<FetchBatch>(batches);

        // Rounds of handed-back URLs whose timers have fired go before batches not yet started.
        var ready = new Queue<FetchBatch>();
        var inFlight = new List<Task<BatchRun>>();
        var waiting = new List<Task<FetchBatch>>();
        var progress = before;
        var throttled = new ThrottledHostsSeen();

        // Carried over from the last generation: seen, as far as this one knows, when it starts.
        throttled.Add(throttledBefore, context.CurrentUtcDateTime);
        var thresholdPassed = progress.PassesThreshold(settings.ToleratedFailurePercent);
        context.SetCustomStatus(new JobLiveStatus(progress, throttled.Current(context.CurrentUtcDateTime), settings.Concurrency));

        // A retune may come at any time; one that comes while nothing listens waits in the context's buffer for the next wait.
        var retune = context.WaitForExternalEvent<ConcurrencyChange>(FetchJobNames.ConcurrencyEvent);
        while (inFlight.Count > 0 || (!thresholdPassed && (pending.Count > 0 || ready.Count > 0 || waiting.Count > 0)))
        {
            while (!thresholdPassed && inFlight.Count < settings.MaxParallelBatches && (ready.Count > 0 || pending.Count > 0))
            {
                // Running batches keep the shape they started with; the next ones take the current one.
                var next = ready.Count > 0 ? ready.Dequeue() : pending.Dequeue();
                inFlight.Add(RunBatchAsync(context, next with { Settings = settings }, logger));
            }

            // A timer holds no activity slot: the URLs it waits for cost nothing until it fires.
            var finished = await Task.WhenAny(inFlight.Cast<Task>().Concat(thresholdPassed ? [] : waiting).Append(retune));
            if (finished == retune)
            {
                var change = await retune;
                settings = change.ApplyTo(settings);
                LogRetuned(logger, context.InstanceId, change.Concurrency, change.MaxParallelBatches, change.BatchParallelism);
                context.SetCustomStatus(new JobLiveStatus(progress, throttled.Current(context.CurrentUtcDateTime), settings.Concurrency));
                retune = context.WaitForExternalEvent<ConcurrencyChange>(FetchJobNames.ConcurrencyEvent);
                continue;
            }

            if (finished is Task<FetchBatch> timer)
            {
                waiting.Remove(timer);
                ready.Enqueue(await timer);
                continue;
            }

            var run = (Task<BatchRun>)finished;
            inFlight.Remove(run);
            var (batch, outcome) = await run;
            progress = progress.Add(outcome.Stored);
            throttled.Add(outcome.Throttled, context.CurrentUtcDateTime);
            context.SetCustomStatus(new JobLiveStatus(progress, throttled.Current(context.CurrentUtcDateTime), settings.Concurrency));
            thresholdPassed |= progress.PassesThreshold(settings.ToleratedFailurePercent);
            if (outcome.HandedBack is { Count: > 0 } handedBack)
            {
                // A stopping host's URLs wait for nothing: the next round runs at once, without a timer's round trip.
                var round = batch.NextRound(handedBack);
                if (handedBack.All(u => u.WaitSeconds == 0))
                {
                    ready.Enqueue(round);
                }
                else
                {
                    waiting.Add(WaitAsync(context, round));
                }
            }
        }

        // A retune that came with the generation's last batch still counts. One that comes later in the same turn, after
        // the orchestration continued as new, is carried over to the next generation by the engine.
        if (retune.IsCompletedSuccessfully)
        {
            settings = (await retune).ApplyTo(settings);
        }

        var stillThrottled = throttled.Current(context.CurrentUtcDateTime);
        return new FanOutOutcome(progress, thresholdPassed, settings, stillThrottled.Count == 0 ? null : stillThrottled);
    }

    /// <summary>A durable timer for the round's longest wait (each is capped by Fetch:MaxRetryDelaySeconds), then the round.</summary>
    private static async Task<FetchBatch> WaitAsync(TaskOrchestrationContext context, FetchBatch round)
    {
        var wait = TimeSpan.FromSeconds(round.HandedBack!.Max(u => u.WaitSeconds));
        await context.CreateTimer(context.CurrentUtcDateTime.Add(wait), CancellationToken.None);
        return round;
    }

    private static async Task<BatchRun> RunBatchAsync(TaskOrchestrationContext context, FetchBatch batch, ILogger logger) =>
        new(batch, await FetchOrRecordFailedAsync(context, batch, logger));

    private static async Task<BatchOutcome> FetchOrRecordFailedAsync(TaskOrchestrationContext context, FetchBatch batch, ILogger logger)
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

    private sealed record BatchRun(FetchBatch Batch, BatchOutcome Outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {InstanceId} retuned to concurrency {Concurrency}: {Batches} batches of {Parallelism} fetches")]
    private static partial void LogRetuned(ILogger logger, string instanceId, int concurrency, int batches, int parallelism);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {InstanceId} batch {BatchNumber} failed after all retries: {Reason}")]
    private static partial void LogBatchGaveUp(ILogger logger, string instanceId, int batchNumber, string reason);
}
