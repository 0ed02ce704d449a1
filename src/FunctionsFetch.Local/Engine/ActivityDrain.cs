using System.Diagnostics;
using FunctionsFetch.Configuration;
using Microsoft.Extensions.Options;

namespace FunctionsFetch.Local.Engine;

/// <summary>
/// A graceful stop (SIGTERM, Ctrl+C) that repeats no fetch. The worker sends a batch's outcome with its own stop
/// token, so an outcome sent after the worker stopped is lost and its batch runs again as after a crash; this
/// service is registered after the worker, so it stops first: the engine takes no more activities, the batches
/// drain (they start no fetch, let those in flight finish for <c>Fetch:DrainSeconds</c> and hand the rest back), and
/// the stop waits until their outcomes are in storage. Then it waits for the orchestrations to take those outcomes
/// in (a control-queue poll and a replay): an outcome message that this host had fetched but not processed when the
/// worker went would stay hidden for <c>controlQueueVisibilityTimeout</c> (10 s) before the next host sees it.
/// </summary>
internal sealed partial class ActivityDrain(SidecarEngine engine, IOptions<FetchOptions> options, IOptions<DurableEngineOptions> engineOptions, ILogger<ActivityDrain> logger) : IHostedService
{
    /// <summary>Time beyond the drain for a batch to store its results and its outcome to reach storage.</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(10);

    /// <summary>At most this long for the orchestrations to take in the outcomes.</summary>
    public static readonly TimeSpan OrchestrationsTime = TimeSpan.FromSeconds(5);

    // Beyond the control queue's longest idle poll, so an outcome just sent has been fetched and its work item taken.
    private static readonly TimeSpan QuietMargin = TimeSpan.FromMilliseconds(500);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var service = engine.Service;
        service.StopTakingActivities();
        var inHand = service.ActivitiesInHand;
        if (inHand == 0)
        {
            return;
        }

        LogDraining(inHand);
        var clock = Stopwatch.StartNew();
        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            limit.CancelAfter(TimeSpan.FromSeconds(options.Value.DrainSeconds) + SettleTime);
            if (!await service.WaitForActivitiesSettledAsync(limit.Token))
            {
                LogNotDrained(service.ActivitiesInHand, clock.Elapsed.TotalSeconds);
                return;
            }
        }

        LogDrained(inHand, clock.Elapsed.TotalSeconds);
        using var orchestrationsLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        orchestrationsLimit.CancelAfter(OrchestrationsTime);
        var quiet = engineOptions.Value.StorageProvider.MaxQueuePollingInterval + QuietMargin;
        if (await service.WaitForOrchestrationsQuietAsync(quiet, orchestrationsLimit.Token))
        {
            LogOrchestrationsQuiet(clock.Elapsed.TotalSeconds);
        }
        else
        {
            LogOrchestrationsBusy(service.OrchestrationsInHand);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: waiting for {Count} batches to hand back what they have not fetched")]
    private partial void LogDraining(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: {Count} batches delivered their outcomes in {Seconds:F1} s")]
    private partial void LogDrained(int count, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: the orchestrations took the outcomes in; stopped draining after {Seconds:F1} s")]
    private partial void LogOrchestrationsQuiet(double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping: {Count} orchestration work items still in hand; their messages show again after the control queue's visibility timeout")]
    private partial void LogOrchestrationsBusy(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping: {Count} batches still running after {Seconds:F1} s; they run again on the next host")]
    private partial void LogNotDrained(int count, double seconds);
}
