using FunctionsFetch.Jobs;
using Microsoft.AspNetCore.Http;

namespace FunctionsFetch.Api;

/// <summary>The one place a start or retry outcome becomes an HTTP answer.</summary>
public static class JobStartAnswer
{
    public static IResult For(JobStartOutcome outcome, JobAccepted accepted)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(accepted);
        return outcome.InstanceId is { } id ? accepted(id)
            : outcome.Invalid is { } error ? ApiResults.Problem(ApiProblems.For(error))
            : outcome.UnknownJob is { } unknown ? ApiResults.Problem(ApiProblems.NotFound(unknown))
            : ApiResults.Problem(ApiProblems.Conflict(outcome.Conflict!));
    }
}
