using System.Text.Json.Serialization;
using FunctionsFetch.Jobs;

namespace FunctionsFetch.Api;

/// <summary>One job of <c>GET /api/fetch</c>: <c>{id, runtimeStatus, createdAt, lastUpdatedAt, total, completed, succeeded, failed}</c>.</summary>
public sealed record JobListEntry(string Id, string RuntimeStatus, DateTimeOffset CreatedAt, DateTimeOffset LastUpdatedAt, [property: JsonIgnore] JobCounts Counts)
{
    public int Total => Counts.Total;

    public int Completed => Counts.Completed;

    public int Succeeded => Counts.Succeeded;

    public int Failed => Counts.Failed;
}
