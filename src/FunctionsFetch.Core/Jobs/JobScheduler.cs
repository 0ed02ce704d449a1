using FunctionsFetch.Configuration;
using FunctionsFetch.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Jobs;

/// <summary>
/// Stores a job's manifest, URLs, request headers and prior results (<c>revalidate</c>), then schedules its orchestration with only their count, so neither its
/// history nor any replay carries the URL list. Shared by a new job and a retry job. The manifest is written only
/// if absent, and the start that wrote it owns the job: it stores the input and schedules the orchestration. A
/// start of the same id with other input is refused (<see cref="JobIdTakenException"/>); one with the same input
/// (delivered twice, or raced from another process) schedules nothing, so the job's batches run once, unless the
/// owner never scheduled it (it died between the two), in which case it takes over after <see cref="OwnerGrace"/>.
/// The orchestration runs with the batch shape <see cref="JobPlanner"/> plans for this instance's activity slots; the
/// manifest keeps the settings as asked, so a retry job plans its own shape for its own URL count.
/// </summary>
public sealed class JobScheduler(JobStore store, ActivitySlots slots, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    private static readonly TimeSpan OwnerPollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a start that found the manifest written waits for its owner to schedule the job: time to store a large input.</summary>
    internal TimeSpan OwnerGrace { get; init; } = TimeSpan.FromSeconds(15);

    public async Task ScheduleAsync(DurableTaskClient client, string instanceId, JobRequest input, JobManifest manifest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(manifest);

        // Planned before anything is written: a shape that cannot be planned leaves no half-started job.
        var planned = JobPlanner.Plan(input.Settings, input.Urls.Count, slots);
        var (stored, created) = await store.CreateManifestAsync(instanceId, manifest with { CreatedAt = _time.GetUtcNow() }, cancellationToken);
        if (stored.InputHash != manifest.InputHash)
        {
            throw new JobIdTakenException(instanceId);
        }

        if (!created && await ScheduledByOwnerAsync(client, instanceId, cancellationToken))
        {
            return;
        }

        // The input is written only if absent too, so an owner and a start taking over write the same chunks.
        await store.WriteInputAsync(instanceId, input.ToJobUrls(), cancellationToken);
        if (input.Headers is { } headers)
        {
            await store.WriteHeadersAsync(instanceId, headers, cancellationToken);
        }

        var hasValidators = input.Validators?.Any(prior => prior is not null) == true;
        if (hasValidators)
        {
            await store.WriteValidatorsAsync(instanceId, input.Validators!, cancellationToken);
        }

        // Listed last, once everything its page reads is stored; a manifest from before the index lists the job as of now.
        await store.WriteIndexEntryAsync(instanceId, stored.CreatedAt ?? _time.GetUtcNow(), cancellationToken);
        var jobInput = new FetchJobInput(input.Urls.Count, planned, InputJobId: instanceId, HasHeaders: input.Headers is not null, HasValidators: hasValidators);
        await client.ScheduleNewOrchestrationInstanceAsync(FetchJobNames.Orchestrator, jobInput, new StartOrchestrationOptions(instanceId), cancellationToken);
    }

    /// <summary>Whether the instance appears within <see cref="OwnerGrace"/>, scheduled by the start that wrote the manifest.</summary>
    private async Task<bool> ScheduledByOwnerAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is not null)
            {
                return true;
            }

            if (waited.Elapsed >= OwnerGrace)
            {
                return false;
            }

            await Task.Delay(OwnerPollInterval, cancellationToken);
        }
    }
}
