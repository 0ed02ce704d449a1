using System.Collections.Concurrent;
using DurableTask.Core;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Local.Engine;

/// <summary>
/// Wraps the storage provider for the gRPC sidecar, fixing what the sidecar leaves out:
/// <list type="bullet">
/// <item>it never renews activity message locks, so an activity that outlives the queue's visibility
/// timeout would be delivered again; here each locked activity is renewed at a third of that timeout
/// until it completes or is abandoned;</item>
/// <item>its concurrency comes from the service, so the limits from host.json are applied here;</item>
/// <item>it waits after a fetch error for the service's delay in milliseconds, not seconds.</item>
/// </list>
/// Everything else passes straight through.
/// </summary>
public sealed partial class SidecarOrchestrationService(
    IOrchestrationService inner,
    int maxConcurrentActivities,
    int maxConcurrentOrchestrations,
    TimeSpan activityRenewInterval,
    ILogger<SidecarOrchestrationService> logger) : IOrchestrationService, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ActivityLease> _leases = new();

    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => maxConcurrentOrchestrations;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;

    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;

    public int MaxConcurrentTaskActivityWorkItems => maxConcurrentActivities;

    /// <summary>Activity locks currently being renewed (for tests and diagnostics).</summary>
    public int RenewingCount => _leases.Count;

    public Task StartAsync() => inner.StartAsync();

    public Task StopAsync() => inner.StopAsync();

    public Task StopAsync(bool isForced) => inner.StopAsync(isForced);

    public Task CreateAsync() => inner.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();

    public Task DeleteAsync() => inner.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => inner.GetDelayInSecondsAfterOnProcessException(exception);

    // The sidecar passes this value to Task.Delay as milliseconds.
    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => inner.GetDelayInSecondsAfterOnFetchException(exception) * 1000;

    public Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);

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

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.AbandonTaskOrchestrationWorkItemAsync(workItem);

    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);

    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var workItem = await inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);

        // In-memory work items are locked forever; only storage-backed ones expire.
        if (workItem is not null && workItem.LockedUntilUtc < DateTime.MaxValue)
        {
            var lease = new ActivityLease(workItem);
            _leases[workItem.Id] = lease;
            lease.Renewal = RenewUntilDoneAsync(lease);
        }

        return workItem!;
    }

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => inner.RenewTaskActivityWorkItemLockAsync(workItem);

    public async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        // Renewal and completion both use the message's pop receipt, so they must never overlap.
        await StopRenewingAsync(workItem);
        await inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);
    }

    public async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        await StopRenewingAsync(workItem);
        await inner.AbandonTaskActivityWorkItemAsync(workItem);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _leases.Keys)
        {
            await StopRenewingAsync(id);
        }
    }

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
        try
        {
            while (true)
            {
                await Task.Delay(activityRenewInterval, lease.Stopping);
                var renewed = await inner.RenewTaskActivityWorkItemLockAsync(lease.WorkItem);
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Renewed activity work item {WorkItemId} until {LockedUntilUtc:O}")]
    private partial void LogRenewed(string workItemId, DateTime lockedUntilUtc);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activity work item {WorkItemId} lost its lock; renewal stopped")]
    private partial void LogRenewalEnded(string workItemId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing activity work item {WorkItemId} failed; it may be delivered again")]
    private partial void LogRenewalFailed(Exception exception, string workItemId);

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
