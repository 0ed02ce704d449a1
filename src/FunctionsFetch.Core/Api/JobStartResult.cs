using FunctionsFetch.Jobs;
using Microsoft.AspNetCore.Http;

namespace FunctionsFetch.Api;

/// <summary>What a start request led to: a scheduled job's id, or the answer that rejects the request.</summary>
public sealed record JobStartResult(string? InstanceId, IResult? Rejection)
{
    public static JobStartResult Started(string instanceId) => new(instanceId, null);

    public static JobStartResult Rejected(IResult rejection) => new(null, rejection);

    /// <summary>The one place a start or retry outcome becomes an HTTP answer.</summary>
    public static JobStartResult From(JobStartOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.InstanceId is { } id ? Started(id)
            : outcome.Invalid is { } error ? Rejected(ApiResponse.Problem(ApiProblems.For(error)))
            : outcome.UnknownJob is { } unknown ? Rejected(ApiResponse.Problem(ApiProblems.NotFound(unknown)))
            : Rejected(ApiResponse.Problem(ApiProblems.Conflict(outcome.Conflict!)));
    }
}
