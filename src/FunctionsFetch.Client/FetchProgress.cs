namespace FunctionsFetch.Client;

/// <summary>
/// A running job's progress: the 202 body of <c>GET /api/fetch/{id}</c>, and of a cancel (then with
/// <c>runtimeStatus</c> <c>Terminating</c>). <see cref="Completed"/> counts the failed too.
/// </summary>
/// <param name="ThrottledHosts">The hosts slowing the job down, most throttled first; null from a server that does not list them.</param>
/// <param name="Concurrency">The job's fetches in flight at most, as last set; null from a server that does not say.</param>
/// <param name="Callback">How its completion callback went so far; null for a job without one.</param>
public sealed record FetchProgress(
    string Id, string RuntimeStatus, int Total, int Completed, int Failed, IReadOnlyList<ThrottledHost>? ThrottledHosts = null, int? Concurrency = null,
    CallbackOutcome? Callback = null);
