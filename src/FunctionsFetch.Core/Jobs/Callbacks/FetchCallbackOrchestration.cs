using FunctionsFetch.Storage;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Jobs.Callbacks;

/// <summary>
/// Delivers a job's completion callback, started with the job under <see cref="FetchJobNames.CallbackInstanceId"/>. Deterministic: no
/// I/O, clock or randomness; only the context's durable calls.
/// <list type="number">
/// <item><b>Wait</b> until the job's status is final: the job sends <see cref="FetchJobNames.JobEndedEvent"/> when it ends by itself,
/// and a probe activity reads the job's status after durable timers of 1 s growing to 10 s, which also sees a terminate (through the
/// Durable API too). Every <see cref="PollsPerGeneration"/> polls it continues as new, keeping its delivery id, so a long job's wait keeps
/// a short history. A terminated job's batches may still store rows for a while, so its callback waits for
/// <see cref="JobStatusCounts.TerminatedSettle"/> after the terminate.</item>
/// <item><b>Deliver</b>: the delivery activity POSTs once per call; a call not answered 2xx is tried again after a durable timer,
/// 2 s doubling up to 5 min, up to the input's <see cref="FetchCallbackInput.MaxAttempts"/>. Every attempt sends the same delivery id.
/// An activity runs at least once, and a crash after a POST was answered and before its outcome was recorded sends it again: the
/// delivery id lets a receiver drop the repeat.</item>
/// </list>
/// </summary>
public static partial class FetchCallbackOrchestration
{
    /// <summary>Polls of the job's status in one generation, at most: about 16 minutes at the longest interval.</summary>
    public const int PollsPerGeneration = 100;

    private const int MaxPollSeconds = 10;

    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(5);

    /// <summary>For an activity that throws (storage away): tried again before the attempt counts as not delivered.</summary>
    private static readonly TaskOptions ActivityRetry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromSeconds(5), backoffCoefficient: 2.0));

    /// <returns>The last attempt's outcome; null when this generation continued as new.</returns>
    public static async Task<CallbackOutcome?> RunAsync(TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<FetchCallbackInput>() ?? throw new InvalidOperationException("The callback orchestration needs a FetchCallbackInput.");
        var logger = context.CreateReplaySafeLogger(typeof(FetchCallbackOrchestration).FullName!);
        var deliveryId = input.DeliveryId ?? context.NewGuid().ToString("N");
        var ended = await WaitForEndAsync(context, input.JobId);
        if (ended is null)
        {
            context.ContinueAsNew(input with { DeliveryId = deliveryId }, preserveUnprocessedEvents: true);
            return null;
        }

        if (ended.Terminated && ended.EndedAt is { } terminatedAt && terminatedAt + JobStatusCounts.TerminatedSettle > context.CurrentUtcDateTime)
        {
            await context.CreateTimer(terminatedAt + JobStatusCounts.TerminatedSettle, CancellationToken.None);
        }

        CallbackOutcome outcome = CallbackOutcome.NotYet;
        for (var attempt = 1; attempt <= input.MaxAttempts; attempt++)
        {
            outcome = await DeliverAsync(context, new CallbackAttempt(input.JobId, deliveryId, attempt), logger);
            if (outcome.Delivered)
            {
                LogDelivered(logger, input.JobId, attempt);
                return outcome;
            }

            if (attempt < input.MaxAttempts)
            {
                await context.CreateTimer(context.CurrentUtcDateTime + RetryDelay(attempt), CancellationToken.None);
            }
        }

        LogGaveUp(logger, input.JobId, input.MaxAttempts);
        return outcome;
    }

    /// <summary>The wait after failed attempt <paramref name="attempt"/>: 2 s, 4 s, 8 s… at most 5 min.</summary>
    public static TimeSpan RetryDelay(int attempt) =>
        TimeSpan.FromSeconds(Math.Min(Math.Pow(2, attempt), MaxRetryDelay.TotalSeconds));

    /// <summary>The wait before poll <paramref name="poll"/> (from 1): 1 s, 2 s… at most 10 s.</summary>
    public static TimeSpan PollDelay(int poll) => TimeSpan.FromSeconds(Math.Clamp(poll, 1, MaxPollSeconds));

    /// <summary>How the job ended; null once this generation has polled <see cref="PollsPerGeneration"/> times without seeing it end.</summary>
    private static async Task<JobEndState?> WaitForEndAsync(TaskOrchestrationContext context, string jobId)
    {
        // The job's own word that it ended; one that came while nothing listened waits in the context's buffer.
        var told = context.WaitForExternalEvent<bool>(FetchJobNames.JobEndedEvent);
        for (var poll = 1; ; poll++)
        {
            var state = await ProbeAsync(context, jobId);
            if (state.Ended)
            {
                return state;
            }

            if (poll == PollsPerGeneration)
            {
                return null;
            }

            // Once told, the job's status is about to be final: look again after the shortest wait.
            if (told.IsCompleted)
            {
                await context.CreateTimer(context.CurrentUtcDateTime + PollDelay(1), CancellationToken.None);
                continue;
            }

            using var stopTimer = new CancellationTokenSource();
            var timer = context.CreateTimer(context.CurrentUtcDateTime + PollDelay(poll), stopTimer.Token);
            if (await Task.WhenAny(timer, told) == told)
            {
                stopTimer.Cancel();
            }
        }
    }

    private static async Task<JobEndState> ProbeAsync(TaskOrchestrationContext context, string jobId)
    {
        try
        {
            return await context.CallActivityAsync<JobEndState>(FetchJobNames.ProbeJobStatusActivity, jobId, ActivityRetry);
        }
        catch (TaskFailedException)
        {
            // The status could not be read (storage away): as if still running; the next poll asks again.
            return JobEndState.Running;
        }
    }

    private static async Task<CallbackOutcome> DeliverAsync(TaskOrchestrationContext context, CallbackAttempt attempt, ILogger logger)
    {
        try
        {
            return await context.CallActivityAsync<CallbackOutcome>(FetchJobNames.DeliverCallbackActivity, attempt, ActivityRetry);
        }
        catch (TaskFailedException exception)
        {
            LogActivityFailed(logger, attempt.JobId, attempt.Number, exception.FailureDetails.ErrorType);
            return new CallbackOutcome(false, null, attempt.Number);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {InstanceId} callback delivered at attempt {Attempt}")]
    private static partial void LogDelivered(ILogger logger, string instanceId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {InstanceId} callback not delivered after {Attempts} attempts")]
    private static partial void LogGaveUp(ILogger logger, string instanceId, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {InstanceId} callback attempt {Attempt} failed in the activity ({ErrorType})")]
    private static partial void LogActivityFailed(ILogger logger, string instanceId, int attempt, string errorType);
}
