using FunctionsFetch.Diagnostics;
using FunctionsFetch.Jobs;
using FunctionsFetch.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Api;

/// <summary><c>GET /api/fetch/{id}/summary</c>: the job at a glance, from its state and the results stored so far (also while it runs).</summary>
public sealed partial class JobSummaryHandler(JobStore store, JobResultsReader results, ILogger<JobSummaryHandler> logger)
{
    public async Task<IResult> HandleAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        using var scope = JobLogScope.Begin(logger, instanceId);
        ArgumentNullException.ThrowIfNull(client);
        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (metadata is null)
        {
            LogUnknownJob(instanceId);
            return ApiResults.Problem(ApiProblems.NotFound(instanceId));
        }

        var manifest = await store.ReadManifestAsync(instanceId, cancellationToken);
        var summary = new JobResultsSummary();
        await foreach (var result in results.ReadMergedAsync(instanceId, cancellationToken))
        {
            summary.Add(result);
        }

        return ApiResults.Json(StatusCodes.Status200OK, new JobSummaryBody(
            instanceId,
            metadata.RuntimeStatus.ToString(),
            metadata.CreatedAt,
            metadata.LastUpdatedAt,
            JobLiveStatus.CountsOf(metadata, manifest),
            metadata.IsCompleted ? null : JobLiveStatus.ConcurrencyOf(metadata),
            summary.ByOutcome,
            summary.ByErrorKind,
            summary.SlowestHosts,
            metadata.IsCompleted ? [] : JobLiveStatus.ThrottledHostsOf(metadata)));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Summary asked for unknown job {InstanceId}")]
    private partial void LogUnknownJob(string instanceId);
}
