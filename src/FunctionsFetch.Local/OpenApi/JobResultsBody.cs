using System.Text.Json.Serialization;
using FunctionsFetch.Fetching;

namespace FunctionsFetch.Local.OpenApi;

/// <summary>
/// The 200 JSON answer of <c>GET /api/fetch/{id}</c> once the job has ended, as the OpenAPI document describes it (the
/// API streams it, <see cref="Api.JobResultsDocument"/>): every result in input order.
/// </summary>
public sealed record JobResultsBody(string Id, string RuntimeStatus, int Total, int Succeeded, int Failed, IReadOnlyList<UrlResult> Results)
{
    /// <summary>Why a Failed or Terminated job ended; absent for a Completed one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }
}
