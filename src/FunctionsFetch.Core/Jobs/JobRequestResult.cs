using Microsoft.AspNetCore.Mvc;

namespace FunctionsFetch.Jobs;

/// <summary>A start request read from the wire: a valid job input, or the problem that rejects it.</summary>
/// <param name="JobId">The client-chosen id that makes the start idempotent, or null.</param>
public sealed record JobRequestResult(JobRequest? Input, ProblemDetails? Problem, string? JobId = null)
{
    public static JobRequestResult Valid(JobRequest input, string? jobId) => new(input, null, jobId);

    public static JobRequestResult Invalid(ProblemDetails problem) => new(null, problem);
}
