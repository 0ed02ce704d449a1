using System.Text.Json.Serialization;
using FunctionsFetch.Jobs;

namespace FunctionsFetch.Api;

/// <summary>The 202 body of a running job: <c>{id, runtimeStatus, total, completed, failed}</c>, read off its counts.</summary>
public sealed record JobStatusBody(string Id, string RuntimeStatus, [property: JsonIgnore] JobCounts Counts)
{
    public int Total => Counts.Total;

    public int Completed => Counts.Completed;

    public int Failed => Counts.Failed;
}
