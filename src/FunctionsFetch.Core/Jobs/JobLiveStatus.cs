using System.Text.Json.Serialization;
using FunctionsFetch.Fetching;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Jobs;

/// <summary>
/// The orchestration's custom status while it runs: its counts, as <see cref="JobCounts"/> writes them (so a reader of
/// counts reads it as one), and the hosts that are slowing it down, so any instance can show them.
/// </summary>
public sealed record JobLiveStatus([property: JsonIgnore] JobCounts Counts, IReadOnlyList<ThrottledHost> ThrottledHosts)
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

    /// <summary>The part of the custom status a reader of hosts needs.</summary>
    private sealed record ThrottledHostsPart(IReadOnlyList<ThrottledHost>? ThrottledHosts);
}
