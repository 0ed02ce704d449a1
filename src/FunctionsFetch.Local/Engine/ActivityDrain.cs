using System.Diagnostics;
using FunctionsFetch.Configuration;
using Microsoft.Extensions.Options;

namespace FunctionsFetch.Local.Engine;

/// <summary>
/// A graceful stop (SIGTERM, Ctrl+C) that repeats no fetch. The worker sends a batch's outcome with its own stop
/// token, so an outcome sent after the worker stopped is lost and its batch runs again as after a crash; this
/// service is registered after the worker, so it stops first: the engine takes no more activities, the batches
/// drain (they start no fetch, let those in flight finish for <c>Fetch:DrainSeconds</c> and hand the rest back), and
/// the stop waits until their outcomes are in storage. No orchestration runs on a stopping host (seen in its logs:
/// the outcome messages its provider fetches are never processed there), so they would stay hidden for
/// <c>controlQueueVisibilityTimeout</c> (10 s) before the next host sees them; they are handed back instead
/// (<see cref="SidecarOrchestrationService.HandBackReadyOrchestrationsAsync"/>), to show again after 2 s.
/// </summary>
internal sealed partial class ActivityDrain(SidecarEngine engine, IOptions<FetchOptions> options, IOptions<DurableEngineOptions> engineOptions, ILogger<ActivityDrain> logger) : IHostedService
{
    /// <summary>Time beyond the drain for a batch to store its results and its outcome to reach storage.</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(10);

    /// <summary>At most this long for handing the outcomes' orchestrations back.</summary>
    public static readonly TimeSpan OrchestrationsTime = TimeSpan.FromSeconds(5);

    // Beyond the control queue's longest idle poll, so an outcome just sent has been fetched and its work item is ready;
    // but below the 2 s a first abandon hides a message, so this host never takes back what it handed back.
    private static readonly TimeSpan QuietMargin = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongestQuiet = TimeSpan.FromSeconds(1.5);

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
        quiet = quiet < LongestQuiet ? quiet : LongestQuiet;
        var handedBack = await service.HandBackReadyOrchestrationsAsync(quiet, orchestrationsLimit.Token);
        LogOrchestrationsHandedBack(handedBack, clock.Elapsed.TotalSeconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: waiting for {Count} batches to hand back what they have not fetched")]
    private partial void LogDraining(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: {Count} batches delivered their outcomes in {Seconds:F1} s")]
    private partial void LogDrained(int count, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: handed {Count} orchestration work items back to the queue for the next host; drained in {Seconds:F1} s")]
    private partial void LogOrchestrationsHandedBack(int count, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping: {Count} batches still running after {Seconds:F1} s; they run again on the next host")]
    private partial void LogNotDrained(int count, double seconds);
}
