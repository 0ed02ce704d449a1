using FunctionsFetch.Diagnostics;
using FunctionsFetch.Fetching;
using FunctionsFetch.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Jobs;

/// <summary>
/// Starts a job for the failed URLs of an ended job, keeping their original indexes, so the retry job's results
/// merge back over the retried entries.
/// </summary>
public sealed partial class FailedUrlRetry(JobStore store, JobResultsReader results, JobScheduler scheduler, ILogger<FailedUrlRetry> logger)
{
    public async Task<JobStartOutcome> StartAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        using var scope = JobLogScope.Begin(logger, instanceId);
        ArgumentNullException.ThrowIfNull(client);
        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        if (metadata is null)
        {
            return JobStartOutcome.NotFound(instanceId);
        }

        var manifest = await store.ReadManifestAsync(instanceId, cancellationToken);
        if (!metadata.IsCompleted || manifest is null)
        {
            return JobStartOutcome.Conflicts(
                manifest is null ? $"Job '{instanceId}' has no stored manifest to retry from." : $"Job '{instanceId}' is still {metadata.RuntimeStatus}; retry it once it has ended.");
        }

        var total = 0;
        var failed = new List<UrlResult>();
        await foreach (var result in results.ReadMergedAsync(instanceId, cancellationToken))
        {
            total++;
            if (result.IsFailure)
            {
                failed.Add(result);
            }
        }

        if (failed.Count == 0)
        {
            return JobStartOutcome.Conflicts($"Job '{instanceId}' has no failed URLs to retry.");
        }

        // The retry sends the headers the job sent: copied from its store into the retry job's, never through history.
        var headers = await store.ReadHeadersAsync(instanceId, cancellationToken);
        var settings = JobPlanner.FromStored(manifest.Settings);
        var input = new JobRequest(failed.Select(r => r.Url).ToArray(), settings, failed.Select(r => r.Index).ToArray()) { Headers = headers };
        var retryId = Guid.NewGuid().ToString("N");
        var retryManifest = new JobManifest(JobInputHash.Of(input), failed.Count, settings, instanceId, total, failed.Count);

        // Recorded first, so a purge of the retried job never removes results the retry job merges.
        await store.AddDependentAsync(instanceId, retryId, cancellationToken);
        await scheduler.ScheduleAsync(client, retryId, input, retryManifest, cancellationToken);
        LogRetryStarted(retryId, instanceId, failed.Count);
        return JobStartOutcome.Started(retryId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {RetryId} retries {FailedCount} failed URLs of job {InstanceId}")]
    private partial void LogRetryStarted(string retryId, string instanceId, int failedCount);
}
