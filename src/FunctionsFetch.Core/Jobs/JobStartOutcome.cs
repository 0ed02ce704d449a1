namespace FunctionsFetch.Jobs;

/// <summary>
/// What a start or a retry request led to, in the job domain's terms, so the HTTP edge only maps it to an answer:
/// the job's id, or the one reason nothing started.
/// </summary>
/// <param name="InstanceId">The started (or already running, same-input) job.</param>
/// <param name="Invalid">The request's input was refused.</param>
/// <param name="Conflict">The job's state refuses the request; the text says why.</param>
/// <param name="UnknownJob">No job with this id exists.</param>
public sealed record JobStartOutcome(string? InstanceId, JobRequestError? Invalid = null, string? Conflict = null, string? UnknownJob = null)
{
    public static JobStartOutcome Started(string instanceId) => new(instanceId);

    public static JobStartOutcome Refused(JobRequestError error) => new(null, Invalid: error);

    public static JobStartOutcome Conflicts(string detail) => new(null, Conflict: detail);

    public static JobStartOutcome NotFound(string instanceId) => new(null, UnknownJob: instanceId);
}
