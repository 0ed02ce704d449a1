namespace FunctionsFetch.Jobs;

/// <summary>A start request read from the wire: a valid job input, or the error that rejects it.</summary>
/// <param name="JobId">The client-chosen id that makes the start idempotent, or null.</param>
public sealed record JobRequestResult(JobRequest? Input, JobRequestError? Error, string? JobId = null)
{
    public static JobRequestResult Valid(JobRequest input, string? jobId) => new(input, null, jobId);

    public static JobRequestResult Invalid(JobRequestError error) => new(null, error);
}
