using System.Text.Json.Serialization;
using FunctionsFetch.Fetching;
using FunctionsFetch.Jobs;
using FunctionsFetch.Storage;

namespace FunctionsFetch.Api;

/// <summary>
/// The 202 body of a running job: <c>{id, runtimeStatus, total, completed, failed, throttledHosts, concurrency}</c>, read off its
/// counts, the hosts slowing it down (most throttled first, at most 20) and its concurrency now (null when unknown); and, for a
/// job with a completion callback, <c>callback</c>.
/// </summary>
public sealed record JobStatusBody(
    string Id,
    string RuntimeStatus,
    [property: JsonIgnore] JobCounts Counts,
    [property: JsonPropertyOrder(1)] IReadOnlyList<ThrottledHost> ThrottledHosts,
    [property: JsonPropertyOrder(2)] int? Concurrency)
{
    public int Total => Counts.Total;

    public int Completed => Counts.Completed;

    public int Failed => Counts.Failed;

    /// <summary>How the job's completion callback went so far; left out for a job without one.</summary>
    [JsonPropertyOrder(3)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CallbackOutcome? Callback { get; init; }
}
