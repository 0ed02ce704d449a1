using FunctionsFetch.Configuration;
using FunctionsFetch.Diagnostics;
using FunctionsFetch.Jobs;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FunctionsFetch.Api;

/// <summary>
/// <c>POST /api/fetch/{id}/concurrency</c>: changes a running job's concurrency. Batches already running keep their
/// shape; the batches the job starts from then on take the new one, so the change shows within one batch's time.
/// </summary>
public sealed partial class ConcurrencyHandler(IOptions<FetchOptions> options, ActivitySlots slots, ILogger<ConcurrencyHandler> logger)
{
    /// <summary>Reads <c>{"concurrency": n}</c> and raises the retune on the job; 202 with the job's status as it will be.</summary>
    public async Task<IResult> HandleAsync(DurableTaskClient client, string instanceId, Stream body, CancellationToken cancellationToken)
    {
        using var scope = JobLogScope.Begin(logger, instanceId);
        ArgumentNullException.ThrowIfNull(client);
        var (asked, problem) = await ConcurrencyRequestReader.ReadAsync(body, options.Value.Limits, cancellationToken);
        if (asked is not { } concurrency)
        {
            return ApiResults.Problem(ApiProblems.BadRequest(problem!));
        }

        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (metadata?.SerializedInput is null || metadata.ReadInputAs<FetchJobInput>() is not { } input)
        {
            return ApiResults.Problem(ApiProblems.NotFound(instanceId));
        }

        if (metadata.IsCompleted)
        {
            return ApiResults.Problem(ApiProblems.Conflict($"Job '{instanceId}' already ended as {metadata.RuntimeStatus}."));
        }

        var change = JobPlanner.Retune(input.Settings, concurrency, slots);
        await client.RaiseEventAsync(instanceId, FetchJobNames.ConcurrencyEvent, change, cancellationToken);
        LogRetuneRaised(instanceId, concurrency);
        var progress = metadata.ReadCustomStatusAs<JobCounts>() ?? JobCounts.Start(input.UrlCount);
        return ApiResults.Json(
            StatusCodes.Status202Accepted,
            new JobStatusBody(instanceId, metadata.RuntimeStatus.ToString(), progress, JobLiveStatus.ThrottledHostsOf(metadata), concurrency));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {InstanceId} asked to run at concurrency {Concurrency}")]
    private partial void LogRetuneRaised(string instanceId, int concurrency);
}
