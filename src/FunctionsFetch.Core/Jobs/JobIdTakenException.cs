namespace FunctionsFetch.Jobs;

/// <summary>Another start stored its manifest under this job id first, with other URLs or options.</summary>
public sealed class JobIdTakenException(string jobId) : Exception($"Job '{jobId}' already exists with different URLs or options.")
{
    public string JobId { get; } = jobId;
}
