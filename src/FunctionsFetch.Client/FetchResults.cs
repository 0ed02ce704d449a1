namespace FunctionsFetch.Client;

/// <summary>
/// A finished job's results as one JSON document, in input order. <see cref="Reason"/> says why a job that
/// did not complete ended (failed, or terminated with the reason given); the server leaves it out otherwise. <see cref="Callback"/>
/// says how its completion callback went, for a job started with one.
/// </summary>
public sealed record FetchResults(
    string Id,
    string RuntimeStatus,
    int Total,
    int Succeeded,
    int Failed,
    IReadOnlyList<ResultRow> Results,
    string? Reason = null,
    CallbackOutcome? Callback = null);
