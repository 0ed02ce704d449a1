using FunctionsFetch.Jobs;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Api;

/// <summary>
/// The <c>/api/fetch</c> behaviour both hosts serve. Hosts pass in the request's parts and the
/// Durable client they were given, and copy the <see cref="ApiResult"/> to their own response.
/// </summary>
public sealed partial class FetchJobApi(JobRequestReader reader, ILogger<FetchJobApi> logger)
{
    /// <summary>Seconds a client is asked to wait before polling a running job again.</summary>
    public const int PollAfterSeconds = 2;

    public async Task<JobStartResult> StartAsync(DurableTaskClient client, string? contentType, long? contentLength, Stream body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var request = await reader.ReadAsync(contentType, contentLength, body, cancellationToken);
        if (request.Problem is not null)
        {
            LogRejected(request.Problem.Status ?? 400, request.Problem.Detail);
            return JobStartResult.Rejected(ApiResult.Problem(request.Problem));
        }

        var input = request.Input!;
        var instanceId = await client.ScheduleNewOrchestrationInstanceAsync(FetchJobNames.Orchestrator, input, options: null, cancellationToken);
        LogStarted(instanceId, input.Urls.Count);
        return JobStartResult.Started(instanceId);
    }

    /// <summary>The 202 answer to a started job, for hosts that build the check-status payload themselves.</summary>
    public static ApiResult Accepted(Uri baseUrl, string instanceId, string? query = null)
    {
        var payload = CheckStatusPayload.Create(baseUrl, instanceId, query);
        return ApiResult.Json(StatusCodes.Status202Accepted, payload, new Dictionary<string, string> { ["Location"] = payload.StatusQueryGetUri });
    }

    public async Task<ApiResult> GetStatusAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (metadata is null)
        {
            LogUnknownJob(instanceId);
            return ApiResult.Problem(ApiProblems.NotFound(instanceId));
        }

        var status = metadata.RuntimeStatus.ToString();
        switch (metadata.RuntimeStatus)
        {
            case OrchestrationRuntimeStatus.Completed:
                var output = metadata.ReadOutputAs<JobOutput>() ?? throw new InvalidOperationException($"Job {instanceId} completed without output.");
                return ApiResult.Json(StatusCodes.Status200OK, new JobResultsResponse(instanceId, status, output.Total, output.Succeeded, output.Failed, output.Results));

            case OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated:
                var last = ReadProgress(metadata);
                var reason = metadata.FailureDetails?.ErrorMessage ?? ReadReason(metadata.SerializedOutput) ?? $"The job ended as {status}.";
                return ApiResult.Json(StatusCodes.Status200OK, new JobResultsResponse(instanceId, status, last.Total, last.Completed - last.Failed, last.Failed, [], reason));

            default:
                var progress = ReadProgress(metadata);
                var headers = new Dictionary<string, string> { ["Retry-After"] = PollAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) };
                return ApiResult.Json(StatusCodes.Status202Accepted, new JobStatusResponse(instanceId, status, progress.Total, progress.Completed, progress.Failed), headers);
        }
    }

    /// <summary>A terminate reason or failure text, whether the engine stored it as JSON or as plain text.</summary>
    private static string? ReadReason(string? serializedOutput) =>
        Webhooks.SerializedJson.Parse(serializedOutput) switch
        {
            null => null,
            { ValueKind: System.Text.Json.JsonValueKind.String } text => text.GetString(),
            { ValueKind: System.Text.Json.JsonValueKind.Null } => null,
            var other => other.Value.GetRawText(),
        };

    /// <summary>
    /// The last progress the orchestrator published; before its first episode, zero progress over the
    /// input's count (when the engine returns the input inline).
    /// </summary>
    private static JobProgress ReadProgress(OrchestrationMetadata metadata)
    {
        if (metadata.ReadCustomStatusAs<JobProgress>() is { } progress)
        {
            return progress;
        }

        var total = string.IsNullOrEmpty(metadata.SerializedInput) ? 0 : metadata.ReadInputAs<FetchJobInput>()?.Urls.Count ?? 0;
        return new JobProgress(total, 0, 0);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {InstanceId} started with {UrlCount} URLs")]
    private partial void LogStarted(string instanceId, int urlCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Status asked for unknown job {InstanceId}")]
    private partial void LogUnknownJob(string instanceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Start request rejected with {Status}: {Detail}")]
    private partial void LogRejected(int status, string? detail);
}
