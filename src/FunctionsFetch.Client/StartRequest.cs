using System.Text.Json.Serialization;

namespace FunctionsFetch.Client;

/// <summary>
/// The body of <c>POST /api/fetch</c>. <c>options</c> and <c>jobId</c> are left out when null: the server
/// refuses <c>"options": null</c>, and a body without them is the plain request.
/// </summary>
/// <param name="Options">Serialized as it is (a dictionary by option name, an anonymous object...), so options a newer server knows pass through.</param>
internal sealed record StartRequest(
    IEnumerable<string> Urls,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] object? Options,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? JobId);
