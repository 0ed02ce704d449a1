namespace FunctionsFetch.Client;

/// <summary>
/// A finished job's counts without its rows: NDJSON and CSV have no head, so they come as the
/// <c>x-fetch-*</c> headers; a JSON document starts with them.
/// </summary>
public sealed record ResultCounts(string Id, string RuntimeStatus, int Total, int Succeeded, int Failed);
