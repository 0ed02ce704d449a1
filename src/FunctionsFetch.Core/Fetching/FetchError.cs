namespace FunctionsFetch.Fetching;

/// <summary>A typed failure of one URL: data in the results, never a failed job.</summary>
public sealed record FetchError(FetchErrorKind Kind, string Message);
