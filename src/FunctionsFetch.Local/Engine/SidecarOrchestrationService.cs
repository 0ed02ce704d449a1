using DurableTask.Core;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Local.Engine;

/// <summary>
/// The storage provider as the gRPC sidecar needs it. Each fix of what the sidecar leaves out has its own class:
/// <list type="bullet">
/// <item><see cref="ActivityLockRenewal"/>: activity locks are renewed, so a long batch is not delivered twice;</item>
/// <item><see cref="WorkItemSettling"/>: complete and abandon are retried while storage is down, and a gone
/// activity message's session is dropped from the provider so its next delivery can run;</item>
/// <item><see cref="RunningActivityTasks"/>: a second delivery of a task still running here goes back to the queue;</item>
/// <item><see cref="ActivityDrain"/>: a stopping host takes no more activities and waits for those it holds to settle;</item>
/// <item>here: the concurrency limits from host.json, and a short backoff after a failed fetch (the provider asks for a
/// flat 10 s, which the sidecar reads as milliseconds).</item>
/// </list>
/// Everything else passes straight through.
/// </summary>
public sealed partial class SidecarOrchestrationService : IOrchestrationService, IAsyncDisposable
{
    private readonly IOrchestrationService _inner;
    private readonly int _maxConcurrentActivities;
    private readonly int _maxConcurrentOrchestrations;
    private readonly ILogger<SidecarOrchestrationService> _logger;

    // Cancelled when the engine stops: retries end, and the work items' messages are delivered again after a restart.
    private readonly CancellationTokenSource _stopping = new();
    private readonly Func<string, bool> _forgetActivitySession;
    private readonly WorkItemSettling _settling;
    private readonly ActivityLockRenewal _renewal;
    private readonly RunningActivityTasks _running = new();
    private int _fetchFailures;
    private int _activitiesInHand;
    private volatile bool _takingActivities = true;

    public SidecarOrchestrationService(
        IOrchestrationService inner,
        int maxConcurrentActivities,
        int maxConcurrentOrchestrations,
        TimeSpan activityRenewInterval,
        ILogger<SidecarOrchestrationService> logger,
        Backoff? retryBackoff = null,
        Func<string, bool>? forgetActivitySession = null)
    {
        _inner = inner;
        _maxConcurrentActivities = maxConcurrentActivities;
        _maxConcurrentOrchestrations = maxConcurrentOrchestrations;
        _logger = logger;
        _forgetActivitySession = forgetActivitySession ?? (id => ProviderActivitySessions.TryForget(inner, id));
        _settling = new WorkItemSettling(retryBackoff ?? Backoff.Storage, logger, _stopping.Token);
        _renewal = new ActivityLockRenewal(inner, activityRenewInterval, _settling, logger);
    }

    public int TaskOrchestrationDispatcherCount => _inner.TaskOrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => _maxConcurrentOrchestrations;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => _inner.EventBehaviourForContinueAsNew;

    public int TaskActivityDispatcherCount => _inner.TaskActivityDispatcherCount;

    public int MaxConcurrentTaskActivityWorkItems => _maxConcurrentActivities;

    /// <summary>Activity locks currently being renewed (for tests and diagnostics).</summary>
    public int RenewingCount => _renewal.Count;

    /// <summary>Activity work items taken and not yet completed or abandoned in storage.</summary>
    public int ActivitiesInHand => Volatile.Read(ref _activitiesInHand);

    /// <summary>From now on no activity work item is taken; those in hand still complete.</summary>
    public void StopTakingActivities() => _takingActivities = false;

    /// <summary>Waits until every activity work item taken has been completed or abandoned in storage; false when the token ends the wait first.</summary>
    public async Task<bool> WaitForActivitiesSettledAsync(CancellationToken cancellationToken)
    {
        // Polled: this runs once, at a host's stop, and a settle takes a storage call or two.
        try
        {
            while (ActivitiesInHand > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
            }

            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// At a stop, once the batches have sent their outcomes: no orchestration runs on a stopping host, so the
    /// outcome messages this host's provider fetches stay locked in its memory and would show again only after
    /// <c>controlQueueVisibilityTimeout</c>. This takes each orchestration work item the provider gets ready and
    /// abandons it (hidden for 2^deliveries seconds, 2 s the first time), until none has come for
    /// <paramref name="quiet"/>; returns how many it handed back.
    /// </summary>
    public async Task<int> HandBackReadyOrchestrationsAsync(TimeSpan quiet, CancellationToken cancellationToken)
    {
        var handedBack = 0;
        var sinceLast = System.Diagnostics.Stopwatch.StartNew();
        while (!cancellationToken.IsCancellationRequested && sinceLast.Elapsed < quiet)
        {
            // The provider waits for a ready session past a short receive timeout, so the quiet time is a cancellation.
            using var untilQuiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            untilQuiet.CancelAfter(quiet - sinceLast.Elapsed);
            TaskOrchestrationWorkItem? workItem;
            try
            {
                workItem = await _inner.LockNextTaskOrchestrationWorkItemAsync(quiet, untilQuiet.Token);
            }
            catch (OperationCanceledException) when (untilQuiet.IsCancellationRequested)
            {
                break;
            }

            if (workItem is null)
            {
                continue;
            }

            try
            {
                await _inner.AbandonTaskOrchestrationWorkItemAsync(workItem);
            }
            finally
            {
                await _inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);
            }

            handedBack++;
            sinceLast.Restart();
        }

        return handedBack;
    }

    public Task StartAsync() => _inner.StartAsync();

    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        await _inner.StopAsync();
    }

    public async Task StopAsync(bool isForced)
    {
        await _stopping.CancelAsync();
        await _inner.StopAsync(isForced);
    }

    public Task CreateAsync() => _inner.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => _inner.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => _inner.CreateIfNotExistsAsync();

    public Task DeleteAsync() => _inner.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => _inner.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        _inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => _inner.GetDelayInSecondsAfterOnProcessException(exception);

    /// <summary>
    /// The sidecar waits this long after a failed fetch, passing the value to Task.Delay as milliseconds. The provider
    /// asks for a flat 10 s; a backoff over consecutive failures (reset by any fetch that returns) polls again promptly.
    /// </summary>
    public int GetDelayInSecondsAfterOnFetchException(Exception exception)
    {
        var delay = _settling.Backoff.After(Interlocked.Increment(ref _fetchFailures));
        return (int)delay.TotalMilliseconds;
    }

    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var workItem = await _inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);
        Volatile.Write(ref _fetchFailures, 0);
        return workItem;
    }

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => _inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState) =>
        _inner.CompleteTaskOrchestrationWorkItemAsync(workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);

    /// <summary>
    /// The sidecar abandons an orchestration work item whose completion threw (as it does while storage is down; the
    /// provider's recovery is to replay from the last checkpoint), then releases its session whatever this does, which
    /// frees the instance in the provider for its next messages. An abandon that fails would leave the messages hidden
    /// until their visibility timeout; retried, they show again as soon as storage is back.
    /// </summary>
    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) =>
        _settling.UntilSettledAsync(WorkItemCall.AbandonOrchestration, workItem.InstanceId, () => _inner.AbandonTaskOrchestrationWorkItemAsync(workItem));

    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => _inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);

    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (!_takingActivities)
            {
                // Stopping: the dispatcher's poll finds nothing, and the queue keeps the work for the next host.
                await Task.Delay(receiveTimeout, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                return null!;
            }

            var workItem = await _inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);
            Volatile.Write(ref _fetchFailures, 0);
            if (workItem is null)
            {
                return null!;
            }

            // Back to the queue with a second delivery of a task running here: it shows again in seconds, and runs once the first is done.
            if (!_running.TryStart(workItem))
            {
                LogSameTaskRunning(workItem.Id, RunningActivityTasks.KeyOf(workItem));
                await SettleActivityAsync(WorkItemCall.Abandon, workItem, () => _inner.AbandonTaskActivityWorkItemAsync(workItem));
                continue;
            }

            _renewal.Start(workItem);
            Interlocked.Increment(ref _activitiesInHand);
            return workItem;
        }
    }

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => _inner.RenewTaskActivityWorkItemLockAsync(workItem);

    public async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        await StopRenewingAsync(workItem);
        _running.Stop(workItem);

        // Completing sends the result before deleting the message: a retry may send it twice, which the orchestration ignores.
        try
        {
            await SettleActivityAsync(WorkItemCall.Complete, workItem, () => _inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage));
        }
        finally
        {
            Interlocked.Decrement(ref _activitiesInHand);
        }
    }

    public async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        await StopRenewingAsync(workItem);
        _running.Stop(workItem);
        try
        {
            await SettleActivityAsync(WorkItemCall.Abandon, workItem, () => _inner.AbandonTaskActivityWorkItemAsync(workItem));
        }
        finally
        {
            Interlocked.Decrement(ref _activitiesInHand);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _renewal.StopAllAsync();

        // _stopping is not disposed: the sidecar may still call StopAsync after this, from its own stopping handler.
    }

    /// <summary>Completes or abandons an activity work item; when its message is gone, drops its session from the provider.</summary>
    private async Task SettleActivityAsync(WorkItemCall call, TaskActivityWorkItem workItem, Func<Task> settle)
    {
        if (!await _settling.UntilSettledAsync(call, workItem.Id, settle) && _forgetActivitySession(workItem.Id))
        {
            LogSessionDropped(workItem.Id);
        }
    }

    private Task StopRenewingAsync(TaskActivityWorkItem workItem) =>
        workItem is null ? Task.CompletedTask : _renewal.StopAsync(workItem.Id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activity work item {WorkItemId} is task {TaskKey}, which is still running here; put back in the queue until that one is done")]
    private partial void LogSameTaskRunning(string workItemId, string taskKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dropped the provider's session of activity work item {WorkItemId}, so its next delivery runs")]
    private partial void LogSessionDropped(string workItemId);
}
