using FunctionsFetch.Jobs;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Api;

/// <summary>
/// What the API does to a job's Durable instances, segments included: a large job's live progress is
/// its running segment's, and cancelling or purging a job reaches its segments too.
/// </summary>
public static class JobInstances
{
    /// <summary>How long a cancel waits for the job to stop before it looks for a segment started meanwhile.</summary>
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(10);

    /// <summary>The job's newest progress: its running segment's when it has one, else its own.</summary>
    public static async Task<JobProgress?> ReadProgressAsync(DurableTaskClient client, OrchestrationMetadata metadata, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(metadata);
        var own = metadata.ReadCustomStatusAs<JobProgress>();
        if (own?.ActiveSegment is not { } segmentId || metadata.IsCompleted)
        {
            return own;
        }

        var segment = await client.GetInstanceAsync(segmentId, getInputsAndOutputs: true, cancellationToken);
        return segment?.ReadCustomStatusAs<JobProgress>() is { } newer ? newer with { ActiveSegment = segmentId } : own;
    }

    /// <summary>
    /// Terminates the job and its running segment. A job may start its next segment in the moment it is
    /// told to stop, so once it has stopped (or after a bounded wait) the segment it names is stopped too.
    /// </summary>
    public static async Task TerminateAsync(DurableTaskClient client, OrchestrationMetadata metadata, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(metadata);
        await client.TerminateInstanceAsync(metadata.InstanceId, reason, cancellationToken);
        var segmentId = metadata.ReadCustomStatusAs<JobProgress>()?.ActiveSegment;
        if (segmentId is null)
        {
            return;
        }

        await TerminateIfRunningAsync(client, segmentId, reason, cancellationToken);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(StopWait);
        try
        {
            var stopped = await client.WaitForInstanceCompletionAsync(metadata.InstanceId, getInputsAndOutputs: true, wait.Token);
            if (stopped.ReadCustomStatusAs<JobProgress>()?.ActiveSegment is { } last && last != segmentId)
            {
                await TerminateIfRunningAsync(client, last, reason, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The job has not stopped yet; the engine will stop it, and its newest segment was already told.
        }
    }

    /// <summary>Purges a large job's segments (numbered from 0, so the first missing one ends the run); returns how many.</summary>
    public static async Task<int> PurgeSegmentsAsync(DurableTaskClient client, string jobId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var purged = 0;
        for (var number = 0; ; number++)
        {
            var result = await client.PurgeInstanceAsync(BatchPlanner.SegmentInstanceId(jobId, number), options: null, cancellationToken);
            if (result.PurgedInstanceCount == 0)
            {
                return purged;
            }

            purged += result.PurgedInstanceCount;
        }
    }

    private static async Task TerminateIfRunningAsync(DurableTaskClient client, string instanceId, string reason, CancellationToken cancellationToken)
    {
        var segment = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        if (segment is { IsCompleted: false })
        {
            await client.TerminateInstanceAsync(instanceId, reason, cancellationToken);
        }
    }
}
