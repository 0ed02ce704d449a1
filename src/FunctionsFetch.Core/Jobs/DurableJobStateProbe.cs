using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Jobs;

/// <summary>Reads the job's orchestration status: ended once it is Terminated, Failed or Completed, or gone.</summary>
public sealed class DurableJobStateProbe(DurableTaskClient client) : IJobStateProbe
{
    public async Task<bool> HasEndedAsync(string jobId, CancellationToken cancellationToken)
    {
        var metadata = await client.GetInstanceAsync(jobId, getInputsAndOutputs: false, cancellationToken);
        return metadata is null || metadata.IsCompleted;
    }
}
