namespace FunctionsFetch.Api;

/// <summary>What a start request led to: a scheduled job's id, or the answer that rejects the request.</summary>
public sealed record JobStartResult(string? InstanceId, ApiResult? Rejection)
{
    public static JobStartResult Started(string instanceId) => new(instanceId, null);

    public static JobStartResult Rejected(ApiResult rejection) => new(null, rejection);
}
