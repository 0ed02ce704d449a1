using System.Collections.Concurrent;
using System.Globalization;
using DurableTask.Core;
using FunctionsFetch.Local.Storage;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Local.Engine;

/// <summary>
/// Wraps the storage provider for the gRPC sidecar, fixing what the sidecar leaves out:
/// <list type="bullet">
/// <item>it never renews activity message locks, so an activity that outlives the queue's visibility
/// timeout would be delivered again; here each locked activity is renewed at a third of that timeout
/// until it completes or is abandoned;</item>
/// <item>it gives up on a work item at the first failed storage call; here renewing, completing and abandoning are
/// retried with <see cref="Backoff"/> while storage is unavailable, until they succeed or the message is gone, and
/// a gone activity message's session is dropped from the provider so a later delivery of it can run;</item>
/// <item>it would never finish a second delivery of an activity task still running here; such a delivery goes back
/// to the queue until the first is done;</item>
/// <item>its concurrency comes from the service, so the limits from host.json are applied here;</item>
/// <item>it waits after a fetch error for the service's delay in milliseconds, not seconds; here that delay is
/// a short backoff instead of the provider's flat 10 s.</item>
/// </list>
/// Everything else passes straight through.
/// </summary>
public sealed partial class SidecarOrchestrationService(
    IOrchestrationService inner,
    int maxConcurrentActivities,
    int maxConcurrentOrchestrations,
    TimeSpan activityRenewInterval,
    ILogger<SidecarOrchestrationService> logger,
    Backoff? retryBackoff = null,
    Func<string, bool>? forgetActivitySession = null) : IOrchestrationService, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ActivityLease> _leases = new();

    // Each task (instance and task id) running in the sidecar, with the work item running it.
    private readonly ConcurrentDictionary<string, string> _running = new(StringComparer.Ordinal);

    // Cancelled when the engine stops: retries end, and the work items' messages are delivered again after a restart.
    private readonly CancellationTokenSource _stopping = new();
    private readonly Backoff _backoff = retryBackoff ?? Backoff.Storage;
    private readonly Func<string, bool> _forgetActivitySession = forgetActivitySession ?? (id => ProviderActivitySessions.TryForget(inner, id));
    private int _fetchFailures;

    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => maxConcurrentOrchestrations;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;

    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;

    public int MaxConcurrentTaskActivityWorkItems => maxConcurrentActivities;

    /// <summary>Activity locks currently being renewed (for tests and diagnostics).</summary>
    public int RenewingCount => _leases.Count;

    public Task StartAsync() => inner.StartAsync();

    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        await inner.StopAsync();
    }

    public async Task StopAsync(bool isForced)
    {
        await _stopping.CancelAsync();
        await inner.StopAsync(isForced);
    }

    public Task CreateAsync() => inner.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();

    public Task DeleteAsync() => inner.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => inner.GetDelayInSecondsAfterOnProcessException(exception);

    /// <summary>
    /// The sidecar waits this long after a failed fetch, passing the value to Task.Delay as milliseconds. The provider
    /// asks for a flat 10 s; a backoff over consecutive failures (reset by any fetch that returns) polls again promptly.
    /// </summary>
    public int GetDelayInSecondsAfterOnFetchException(Exception exception)
    {
        var delay = _backoff.After(Interlocked.Increment(ref _fetchFailures));
        return (int)delay.TotalMilliseconds;
    }

    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var workItem = await inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);
        Volatile.Write(ref _fetchFailures, 0);
        return workItem;
    }

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState) =>
        inner.CompleteTaskOrchestrationWorkItemAsync(workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);

    /// <summary>
    /// The sidecar abandons an orchestration work item whose completion threw (as it does while storage is down; the
    /// provider's recovery is to replay from the last checkpoint), then releases its session whatever this does, which
    /// frees the instance in the provider for its next messages. An abandon that fails would leave the messages hidden
    /// until their visibility timeout; retried, they show again as soon as storage is back.
    /// </summary>
    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) =>
        UntilSettledAsync(WorkItemCall.AbandonOrchestration, workItem.InstanceId, () => inner.AbandonTaskOrchestrationWorkItemAsync(workItem));

    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);

    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        while (true)
        {
            var workItem = await inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);
            Volatile.Write(ref _fetchFailures, 0);
            if (workItem is null)
            {
                return null!;
            }

            // The sidecar keys running activities by instance and task id and would never finish a second delivery of a
            // task still running here (an orchestration replayed after storage failed mid-checkpoint schedules it again).
            // Back to the queue with it: it shows again in seconds, and runs once the first delivery is done.
            if (!_running.TryAdd(TaskKey(workItem), workItem.Id))
            {
                LogSameTaskRunning(workItem.Id, TaskKey(workItem));
                await SettleActivityAsync(WorkItemCall.Abandon, workItem, () => inner.AbandonTaskActivityWorkItemAsync(workItem));
                continue;
            }

            // In-memory work items are locked forever; only storage-backed ones expire.
            if (workItem.LockedUntilUtc < DateTime.MaxValue)
            {
                var lease = new ActivityLease(workItem);
                _leases[workItem.Id] = lease;
                lease.Renewal = RenewUntilDoneAsync(lease);
            }

            return workItem;
        }
    }

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => inner.RenewTaskActivityWorkItemLockAsync(workItem);

    public async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        // Renewal and completion both use the message's pop receipt, so they must never overlap.
        await StopRenewingAsync(workItem);
        StopRunning(workItem);

        // Completing sends the result before deleting the message: a retry may send it twice, which the orchestration ignores.
        await SettleActivityAsync(WorkItemCall.Complete, workItem, () => inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage));
    }

    public async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        await StopRenewingAsync(workItem);
        StopRunning(workItem);
        await SettleActivityAsync(WorkItemCall.Abandon, workItem, () => inner.AbandonTaskActivityWorkItemAsync(workItem));
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        foreach (var id in _leases.Keys)
        {
            await StopRenewingAsync(id);
        }

        // _stopping is not disposed: the sidecar may still call StopAsync after this, from its own stopping handler.
    }

    /// <summary>Completes or abandons an activity work item; when its message is gone, drops its session from the provider.</summary>
    private async Task SettleActivityAsync(WorkItemCall call, TaskActivityWorkItem workItem, Func<Task> settle)
    {
        if (!await UntilSettledAsync(call, workItem.Id, settle) && _forgetActivitySession(workItem.Id))
        {
            LogSessionDropped(workItem.Id);
        }
    }

    /// <summary>
    /// Runs a storage call on a work item until it succeeds (true) or the message is no longer this host's (false),
    /// retrying while storage is unavailable. Other errors, and any error once the engine stops, are thrown as before.
    /// </summary>
    private async Task<bool> UntilSettledAsync(WorkItemCall call, string workItemId, Func<Task> settle)
    {
        for (var failures = 1; ; failures++)
        {
            try
            {
                await settle();
                if (failures > 1)
                {
                    LogSettled(call, workItemId, failures - 1);
                }

                return true;
            }
            catch (Exception exception) when (StorageErrors.IsMessageGone(exception))
            {
                LogMessageGone(call, workItemId, StorageErrors.Summary(exception));
                return false;
            }
            catch (Exception exception) when (StorageErrors.IsUnavailable(exception) && !_stopping.IsCancellationRequested)
            {
                var delay = _backoff.After(failures);
                LogStorageCallFailed(call, workItemId, failures, delay.TotalSeconds, StorageErrors.Summary(exception));
                await Task.Delay(delay, _stopping.Token);
            }
        }
    }

    /// <summary>The sidecar has its result (or gave up on it): another delivery of the same task may run now.</summary>
    private void StopRunning(TaskActivityWorkItem workItem)
    {
        if (workItem is not null)
        {
            _running.TryRemove(KeyValuePair.Create(TaskKey(workItem), workItem.Id));
        }
    }

    /// <summary>How the sidecar tells running activities apart.</summary>
    private static string TaskKey(TaskActivityWorkItem workItem) =>
        string.Create(CultureInfo.InvariantCulture, $"{workItem.TaskMessage.OrchestrationInstance.InstanceId}_{workItem.TaskMessage.Event.EventId}");

    private Task StopRenewingAsync(TaskActivityWorkItem workItem) =>
        workItem is null ? Task.CompletedTask : StopRenewingAsync(workItem.Id);

    // Whoever removes the lease stops it, so a completion racing with shutdown stops it once.
    private async Task StopRenewingAsync(string workItemId)
    {
        if (_leases.TryRemove(workItemId, out var lease))
        {
            await lease.StopAsync();
            lease.Dispose();
        }
    }

    private async Task RenewUntilDoneAsync(ActivityLease lease)
    {
        var failures = 0;
        try
        {
            while (true)
            {
                await Task.Delay(NextRenewal(failures), lease.Stopping);
                TaskActivityWorkItem renewed;
                try
                {
                    renewed = await inner.RenewTaskActivityWorkItemLockAsync(lease.WorkItem);
                }
                catch (Exception exception) when (StorageErrors.IsMessageGone(exception))
                {
                    LogMessageGone(WorkItemCall.Renew, lease.WorkItem.Id, StorageErrors.Summary(exception));
                    return;
                }
                catch (Exception exception) when (StorageErrors.IsUnavailable(exception))
                {
                    failures++;
                    LogStorageCallFailed(WorkItemCall.Renew, lease.WorkItem.Id, failures, NextRenewal(failures).TotalSeconds, StorageErrors.Summary(exception));
                    continue;
                }

                failures = 0;
                if (renewed is null || renewed.LockedUntilUtc <= DateTime.UtcNow)
                {
                    LogRenewalEnded(lease.WorkItem.Id);
                    return;
                }

                LogRenewed(lease.WorkItem.Id, renewed.LockedUntilUtc);
            }
        }
        catch (OperationCanceledException) when (lease.Stopping.IsCancellationRequested)
        {
            // Completed or abandoned: nothing left to renew.
        }
        catch (Exception exception)
        {
            LogRenewalFailed(exception, lease.WorkItem.Id);
        }
    }

    /// <summary>After a failure the lock is running out: renew again sooner, but never later than a renewal is due.</summary>
    private TimeSpan NextRenewal(int failures)
    {
        if (failures == 0)
        {
            return activityRenewInterval;
        }

        var retry = _backoff.After(failures);
        return retry < activityRenewInterval ? retry : activityRenewInterval;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Renewed activity work item {WorkItemId} until {LockedUntilUtc:O}")]
    private partial void LogRenewed(string workItemId, DateTime lockedUntilUtc);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activity work item {WorkItemId} lost its lock; renewal stopped")]
    private partial void LogRenewalEnded(string workItemId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing activity work item {WorkItemId} failed; renewal stopped, it may be delivered again")]
    private partial void LogRenewalFailed(Exception exception, string workItemId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Call} of work item {WorkItemId} failed ({Failures} in a row), storage unavailable; retrying in {DelaySeconds} s: {Reason}")]
    private partial void LogStorageCallFailed(WorkItemCall call, string workItemId, int failures, double delaySeconds, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Call} of work item {WorkItemId} succeeded after {Failures} failures")]
    private partial void LogSettled(WorkItemCall call, string workItemId, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Call} of work item {WorkItemId}: its message is no longer this host's ({Reason}); it runs again when delivered again")]
    private partial void LogMessageGone(WorkItemCall call, string workItemId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activity work item {WorkItemId} is task {TaskKey}, which is still running here; put back in the queue until that one is done")]
    private partial void LogSameTaskRunning(string workItemId, string taskKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dropped the provider's session of activity work item {WorkItemId}, so its next delivery runs")]
    private partial void LogSessionDropped(string workItemId);

    /// <summary>The storage calls on a work item that are retried, as logged.</summary>
    private enum WorkItemCall
    {
        Renew,
        Complete,
        Abandon,
        AbandonOrchestration,
    }

    private sealed class ActivityLease(TaskActivityWorkItem workItem) : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();

        public TaskActivityWorkItem WorkItem { get; } = workItem;

        public CancellationToken Stopping => _stop.Token;

        public Task Renewal { get; set; } = Task.CompletedTask;

        /// <summary>Stops renewing and waits until no renewal is in progress.</summary>
        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await Renewal;
        }

        public void Dispose() => _stop.Dispose();
    }
}
