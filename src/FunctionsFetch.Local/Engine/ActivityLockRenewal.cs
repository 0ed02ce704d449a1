using FunctionsFetch.Storage;
using System.Collections.Concurrent;
using DurableTask.Core;
using FunctionsFetch.Local.Storage;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Local.Engine;

/// <summary>
/// Fixes: the sidecar never renews activity message locks, so an activity that outlives the queue's visibility
/// timeout would be delivered again. Each locked activity is renewed every <c>interval</c> (a third of that timeout)
/// until it completes or is abandoned; a renewal that fails while storage is down is tried again sooner.
/// </summary>
internal sealed partial class ActivityLockRenewal(IOrchestrationService inner, TimeSpan interval, WorkItemSettling settling, ILogger logger)
{
    private readonly ConcurrentDictionary<string, Lease> _leases = new();

    /// <summary>Activity locks being renewed.</summary>
    public int Count => _leases.Count;

    /// <summary>Starts renewing a storage-backed work item's lock (in-memory ones are locked forever).</summary>
    public void Start(TaskActivityWorkItem workItem)
    {
        if (workItem.LockedUntilUtc < DateTime.MaxValue)
        {
            var lease = new Lease(workItem);
            _leases[workItem.Id] = lease;
            lease.Renewal = RenewUntilDoneAsync(lease);
        }
    }

    /// <summary>
    /// Stops renewing and waits until no renewal is in progress: renewal and completion both use the message's pop
    /// receipt, so they must never overlap. Whoever removes the lease stops it, so a completion racing with shutdown stops it once.
    /// </summary>
    public async Task StopAsync(string workItemId)
    {
        if (_leases.TryRemove(workItemId, out var lease))
        {
            await lease.StopAsync();
            lease.Dispose();
        }
    }

    public async Task StopAllAsync()
    {
        foreach (var id in _leases.Keys)
        {
            await StopAsync(id);
        }
    }

    private async Task RenewUntilDoneAsync(Lease lease)
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
                    settling.LogMessageGone(WorkItemCall.Renew, lease.WorkItem.Id, exception);
                    return;
                }
                catch (Exception exception) when (StorageErrors.IsUnavailable(exception))
                {
                    failures++;
                    settling.LogFailed(WorkItemCall.Renew, lease.WorkItem.Id, failures, NextRenewal(failures), exception);
                    continue;
                }

                failures = 0;
                if (renewed is null || renewed.LockedUntilUtc <= DateTime.UtcNow)
                {
                    LogRenewalEnded(logger, lease.WorkItem.Id);
                    return;
                }

                LogRenewed(logger, lease.WorkItem.Id, renewed.LockedUntilUtc);
            }
        }
        catch (OperationCanceledException) when (lease.Stopping.IsCancellationRequested)
        {
            // Completed or abandoned: nothing left to renew.
        }
        catch (Exception exception)
        {
            LogRenewalFailed(logger, exception, lease.WorkItem.Id);
        }
    }

    /// <summary>After a failure the lock is running out: renew again sooner, but never later than a renewal is due.</summary>
    private TimeSpan NextRenewal(int failures)
    {
        if (failures == 0)
        {
            return interval;
        }

        var retry = settling.Backoff.After(failures);
        return retry < interval ? retry : interval;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Renewed activity work item {WorkItemId} until {LockedUntilUtc:O}")]
    private static partial void LogRenewed(ILogger logger, string workItemId, DateTime lockedUntilUtc);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activity work item {WorkItemId} lost its lock; renewal stopped")]
    private static partial void LogRenewalEnded(ILogger logger, string workItemId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing activity work item {WorkItemId} failed; renewal stopped, it may be delivered again")]
    private static partial void LogRenewalFailed(ILogger logger, Exception exception, string workItemId);

    private sealed class Lease(TaskActivityWorkItem workItem) : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();

        public TaskActivityWorkItem WorkItem { get; } = workItem;

        public CancellationToken Stopping => _stop.Token;

        public Task Renewal { get; set; } = Task.CompletedTask;

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await Renewal;
        }

        public void Dispose() => _stop.Dispose();
    }
}
