using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Jobs.Callbacks;

/// <summary>The probe activity's body: reads whether the job has ended, however it ended (also a terminate through the Durable API).</summary>
public static class JobEndProbe
{
    public static async Task<JobEndState> ProbeAsync(DurableTaskClient client, string jobId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var metadata = await client.GetInstanceAsync(jobId, getInputsAndOutputs: false, cancellationToken);
        if (metadata is null)
        {
            return new JobEndState(Ended: true);
        }

        return metadata.IsCompleted
            ? new JobEndState(Ended: true, metadata.RuntimeStatus == OrchestrationRuntimeStatus.Terminated, metadata.LastUpdatedAt.UtcDateTime)
            : JobEndState.Running;
    }
}
