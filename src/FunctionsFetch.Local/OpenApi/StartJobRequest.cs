namespace FunctionsFetch.Local.OpenApi;

/// <summary>
/// The JSON body of <c>POST /api/fetch</c>, as the OpenAPI document describes it (the starter reads the body itself,
/// strictly: no other property, names case-sensitive).
/// </summary>
/// <param name="Urls">The URLs to fetch, absolute http or https; results keep this order.</param>
public sealed record StartJobRequest(IReadOnlyList<string> Urls)
{
    /// <summary>Per-job options; each left out falls back to the server's default.</summary>
    public JobOptionsBody? Options { get; init; }

    /// <summary>Your own id (<c>[A-Za-z0-9_-]</c>, 1-64): the same id and input start the job once.</summary>
    public string? JobId { get; init; }
}
