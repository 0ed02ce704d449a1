using FunctionsFetch.Storage;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Jobs;

/// <summary>
/// The counts a job reports, the same in <c>GET /api/fetch/{id}</c> and in its completion callback: its progress while it runs and
/// once it completed or failed (merged for a retry job); for a terminated job, those of the rows stored, since the progress a
/// terminate froze misses what its running batches stored after it (within <see cref="TerminatedSettle"/>), with the job's URL
/// count as the total.
/// </summary>
public static class JobStatusCounts
{
    /// <summary>How long after a terminate the job's running batches may still store what they had fetched.</summary>
    public static readonly TimeSpan TerminatedSettle = TimeSpan.FromSeconds(30);

    /// <summary>The progress the job's orchestration last published, or none yet of its URL count.</summary>
    public static JobCounts Progress(OrchestrationMetadata metadata, JobManifest? manifest)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.ReadCustomStatusAs<JobCounts>() ?? JobCounts.Start(manifest?.Total ?? 0);
    }

    /// <summary>
    /// The counts a job's orchestration last published, without reading its rows (for lists and summaries): its progress while it
    /// runs; once it has ended, a retry job's are those of the merged list.
    /// </summary>
    public static JobCounts Published(OrchestrationMetadata metadata, JobManifest? manifest)
    {
        var progress = Progress(metadata, manifest);
        return metadata.IsCompleted ? MergedCounts.Of(progress, manifest) : progress;
    }

    /// <summary>Whether the ended job's counts are read off its stored rows (then pass them to <see cref="Of"/>).</summary>
    public static bool CountsRows(OrchestrationMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.RuntimeStatus == OrchestrationRuntimeStatus.Terminated;
    }

    /// <summary>An ended job's counts.</summary>
    /// <param name="progress">Its <see cref="Progress"/>.</param>
    /// <param name="manifest">Its manifest, if stored.</param>
    /// <param name="storedRows">When <see cref="CountsRows"/>: what its merged rows count; else null.</param>
    public static JobCounts Of(JobCounts progress, JobManifest? manifest, JobCounts? storedRows)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (storedRows is null)
        {
            return MergedCounts.Of(progress, manifest);
        }

        var total = manifest?.RetryOf is null ? manifest?.Total ?? progress.Total : manifest.BaseTotal;
        return storedRows with { Total = total };
    }
}
