using FunctionsFetch.Storage;
using FunctionsFetch.Local.Storage;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Local.Engine;

/// <summary>
/// Fixes: the sidecar gives up on a work item at its first failed storage call, leaving it stuck once storage is back.
/// Here a storage call on a work item (complete, abandon, renew) is retried with <see cref="Backoff"/> while storage is
/// unavailable, until it succeeds or the message is no longer this host's.
/// </summary>
internal sealed partial class WorkItemSettling(Backoff backoff, ILogger logger, CancellationToken stopping)
{
    public Backoff Backoff { get; } = backoff;

    /// <summary>
    /// Runs <paramref name="settle"/> until it succeeds (true) or the message is gone (false), retrying while storage is
    /// unavailable. Other errors, and any error once the engine stops, are thrown as before.
    /// </summary>
    public async Task<bool> UntilSettledAsync(WorkItemCall call, string workItemId, Func<Task> settle)
    {
        for (var failures = 1; ; failures++)
        {
            try
            {
                await settle();
                if (failures > 1)
                {
                    LogSettled(logger, call, workItemId, failures - 1);
                }

                return true;
            }
            catch (Exception exception) when (StorageErrors.IsMessageGone(exception))
            {
                LogMessageGone(call, workItemId, exception);
                return false;
            }
            catch (Exception exception) when (StorageErrors.IsUnavailable(exception) && !stopping.IsCancellationRequested)
            {
                var delay = Backoff.After(failures);
                LogFailed(call, workItemId, failures, delay, exception);
                await Task.Delay(delay, stopping);
            }
        }
    }

    public void LogMessageGone(WorkItemCall call, string workItemId, Exception exception) =>
        LogMessageGone(logger, call, workItemId, StorageErrors.Summary(exception));

    public void LogFailed(WorkItemCall call, string workItemId, int failures, TimeSpan retryIn, Exception exception) =>
        LogStorageCallFailed(logger, call, workItemId, failures, retryIn.TotalSeconds, StorageErrors.Summary(exception));

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Call} of work item {WorkItemId} failed ({Failures} in a row), storage unavailable; retrying in {DelaySeconds} s: {Reason}")]
    private static partial void LogStorageCallFailed(ILogger logger, WorkItemCall call, string workItemId, int failures, double delaySeconds, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Call} of work item {WorkItemId} succeeded after {Failures} failures")]
    private static partial void LogSettled(ILogger logger, WorkItemCall call, string workItemId, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Call} of work item {WorkItemId}: its message is no longer this host's ({Reason}); it runs again when delivered again")]
    private static partial void LogMessageGone(ILogger logger, WorkItemCall call, string workItemId, string reason);
}
