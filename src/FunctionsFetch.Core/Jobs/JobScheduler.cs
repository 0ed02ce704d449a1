using FunctionsFetch.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Jobs;

/// <summary>
/// Stores a job's manifest and URLs, then schedules its orchestration with only their count, so neither its
/// history nor any replay carries the URL list. Shared by a new job and a retry job. Both blobs are written only
/// if absent: the first start of an id owns them, so a start delivered twice or raced from another process never
/// mixes its input into a job that runs; one with other input is refused (<see cref="JobIdTakenException"/>).
/// </summary>
public sealed class JobScheduler(JobStore store)
{
    public async Task ScheduleAsync(DurableTaskClient client, string instanceId, JobRequest input, JobManifest manifest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(manifest);
        var stored = await store.CreateManifestAsync(instanceId, manifest, cancellationToken);
        if (stored.InputHash != manifest.InputHash)
        {
            throw new JobIdTakenException(instanceId);
        }

        // The same input: written by whichever start gets there first, chunk by chunk.
        await store.WriteInputAsync(instanceId, input.ToJobUrls(), cancellationToken);
        await client.ScheduleNewOrchestrationInstanceAsync(
            FetchJobNames.Orchestrator, new FetchJobInput(input.Urls.Count, input.Settings, InputJobId: instanceId), new StartOrchestrationOptions(instanceId), cancellationToken);
    }
}
