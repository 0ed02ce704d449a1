namespace FunctionsFetch.Jobs;

/// <summary>Why a start request was refused, in the job's own terms; the API layer turns it into a problem answer.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Detail">What to fix, for the caller.</param>
/// <param name="Index">For a bad URL, its index in the request.</param>
public sealed record JobRequestError(JobRequestErrorKind Kind, string Detail, int? Index = null);
