using System.Text.Json.Serialization;
using FunctionsFetch.Fetching;
using FunctionsFetch.Jobs;

namespace FunctionsFetch.Api;

/// <summary>
/// <c>GET /api/fetch/{id}/summary</c>: the job's state and counts, and what its stored results add up to (by outcome, by
/// error kind, the slowest hosts), with the hosts throttling it and its concurrency while it runs.
/// </summary>
public sealed record JobSummaryBody(
    string Id,
    string RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    [property: JsonIgnore] JobCounts Counts,
    [property: JsonPropertyOrder(1)] int? Concurrency,
    [property: JsonPropertyOrder(1)] IReadOnlyDictionary<string, int> ByOutcome,
    [property: JsonPropertyOrder(1)] IReadOnlyDictionary<string, int> ByErrorKind,
    [property: JsonPropertyOrder(1)] IReadOnlyList<HostLatency> SlowestHosts,
    [property: JsonPropertyOrder(1)] IReadOnlyList<ThrottledHost> ThrottledHosts)
{
    public int Total => Counts.Total;

    public int Completed => Counts.Completed;

    public int Succeeded => Counts.Succeeded;

    public int Failed => Counts.Failed;
}
