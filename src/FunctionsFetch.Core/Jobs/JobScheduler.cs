using FunctionsFetch.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Jobs;

/// <summary>
/// Stores a job's URLs and manifest, then schedules its orchestration with only their count, so neither its
/// history nor any replay carries the URL list. Shared by a new job and a retry job.
/// </summary>
public sealed class JobScheduler(JobStore store)
{
    public async Task ScheduleAsync(DurableTaskClient client, string instanceId, JobRequest input, JobManifest manifest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(input);
        await store.WriteInputAsync(instanceId, input.ToJobUrls(), cancellationToken);
        await store.WriteManifestAsync(instanceId, manifest, cancellationToken);
        await client.ScheduleNewOrchestrationInstanceAsync(
            FetchJobNames.Orchestrator, new FetchJobInput(input.Urls.Count, input.Settings, InputJobId: instanceId), new StartOrchestrationOptions(instanceId), cancellationToken);
    }
}
