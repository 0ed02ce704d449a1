namespace FunctionsFetch.Storage;

/// <summary>
/// Where a job's completion callback goes, kept only in the job store (<see cref="JobStoreLayout.CallbackTarget"/>), never in
/// orchestration history or logs, as its query may hold a token.
/// </summary>
/// <param name="Url">The job's <c>options.callbackUrl</c>, as given.</param>
/// <param name="ApiBase">The API's base URL as the start request reached it (<c>http://host:port</c>, with the path prefix a host was given, if any), from which the summary's status and results URLs are built; null until the starter sets it.</param>
public sealed record CallbackTarget(string Url, string? ApiBase = null);
