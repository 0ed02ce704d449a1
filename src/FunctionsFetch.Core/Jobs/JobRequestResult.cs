using Microsoft.AspNetCore.Mvc;

namespace FunctionsFetch.Jobs;

/// <summary>A start request read from the wire: a valid job input, or the problem that rejects it.</summary>
public sealed record JobRequestResult(FetchJobInput? Input, ProblemDetails? Problem)
{
    public static JobRequestResult Valid(FetchJobInput input) => new(input, null);

    public static JobRequestResult Invalid(ProblemDetails problem) => new(null, problem);
}
