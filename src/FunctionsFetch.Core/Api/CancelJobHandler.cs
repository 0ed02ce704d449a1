using FunctionsFetch.Diagnostics;
using FunctionsFetch.Jobs;
using FunctionsFetch.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Api;

/// <summary><c>DELETE /api/fetch/{id}</c>: terminates a running job; what it fetched so far stays readable. Counts the job as ended (<see cref="FetchMetrics"/>).</summary>
public sealed partial class CancelJobHandler(JobStore store, FetchMetrics metrics, ILogger<CancelJobHandler> logger)
{
    /// <summary>Terminates a running job; what it fetched so far stays readable.</summary>
    public async Task<IResult> HandleAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        using var scope = JobLogScope.Begin(logger, instanceId);
        ArgumentNullException.ThrowIfNull(client);

        // Custom status (the progress shown back) comes only with inputs and outputs.
        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (metadata is null)
        {
            return ApiResults.Problem(ApiProblems.NotFound(instanceId));
        }

        if (metadata.IsCompleted)
        {
            return ApiResults.Problem(ApiProblems.Conflict($"Job '{instanceId}' already ended as {metadata.RuntimeStatus}."));
        }

        // The mark stops the job's running batches on every instance within about a second.
        await store.WriteCancelMarkAsync(instanceId, cancellationToken);
        await client.TerminateInstanceAsync(instanceId, "Canceled by request.", cancellationToken);
        LogCanceled(instanceId);
        metrics.JobEnded("Terminated");
        var progress = metadata.ReadCustomStatusAs<JobCounts>() ?? JobCounts.Start(0);
        return ApiResults.Json(StatusCodes.Status202Accepted, new JobStatusBody(instanceId, "Terminating", progress, [], JobLiveStatus.ConcurrencyOf(metadata)));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {InstanceId} canceled by request")]
    private partial void LogCanceled(string instanceId);
}
