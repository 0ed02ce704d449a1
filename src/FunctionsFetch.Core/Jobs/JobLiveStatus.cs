using System.Text.Json.Serialization;
using FunctionsFetch.Fetching;
using FunctionsFetch.Storage;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Jobs;

/// <summary>
/// The orchestration's custom status while it runs: its counts, as <see cref="JobCounts"/> writes them (so a reader of
/// counts reads it as one), the hosts that are slowing it down, so any instance can show them, and its concurrency now
/// (a retune changes it).
/// </summary>
public sealed record JobLiveStatus([property: JsonIgnore] JobCounts Counts, IReadOnlyList<ThrottledHost> ThrottledHosts, int Concurrency)
{
    public int Total => Counts.Total;

    public int Succeeded => Counts.Succeeded;

    public int Failed => Counts.Failed;

    public int Completed => Counts.Completed;

    /// <summary>The throttled hosts a running job's custom status names; empty when it names none (or was written before it did).</summary>
    public static IReadOnlyList<ThrottledHost> ThrottledHostsOf(OrchestrationMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.ReadCustomStatusAs<ThrottledHostsPart>()?.ThrottledHosts ?? [];
    }

    /// <summary>
    /// A job's concurrency now: as its custom status names it, else as its orchestration's input has it (before the first
    /// status, or in a status written before it named one); null when the metadata was read without inputs.
    /// </summary>
    public static int? ConcurrencyOf(OrchestrationMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.ReadCustomStatusAs<ConcurrencyPart>()?.Concurrency
            ?? (metadata.SerializedInput is null ? null : metadata.ReadInputAs<FetchJobInput>()?.Settings.Concurrency);
    }

    /// <summary>
    /// A job's counts as its orchestration last published them (before the first, none of its URLs done); once it has ended,
    /// a retry job's are those of the merged list.
    /// </summary>
    public static JobCounts CountsOf(OrchestrationMetadata metadata, JobManifest? manifest)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var progress = metadata.ReadCustomStatusAs<JobCounts>() ?? JobCounts.Start(manifest?.Total ?? 0);
        return metadata.IsCompleted ? MergedCounts.Of(progress, manifest) : progress;
    }

    /// <summary>The part of the custom status a reader of hosts needs.</summary>
    private sealed record ThrottledHostsPart(IReadOnlyList<ThrottledHost>? ThrottledHosts);

    /// <summary>The part of the custom status a reader of the concurrency needs.</summary>
    private sealed record ConcurrencyPart(int? Concurrency);
}
