using System.Text.Json.Serialization;
using FunctionsFetch.Fetching;

namespace FunctionsFetch.Api;

/// <summary>The 200 body of <c>GET /api/fetch/{id}</c> once a job has ended.</summary>
/// <param name="Reason">Why a job did not complete; absent when it did.</param>
public sealed record JobResultsResponse(
    string Id,
    string RuntimeStatus,
    int Total,
    int Succeeded,
    int Failed,
    IReadOnlyList<UrlResult> Results,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason = null);
