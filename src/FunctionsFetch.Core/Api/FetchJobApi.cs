using System.Globalization;
using FunctionsFetch.Diagnostics;
using FunctionsFetch.Fetching;
using FunctionsFetch.Jobs;
using FunctionsFetch.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Api;

/// <summary>
/// The <c>/api/fetch</c> behaviour both hosts serve. Hosts pass in the request's parts and the
/// Durable client they were given, and copy the <see cref="ApiResult"/> to their own response.
/// </summary>
public sealed partial class FetchJobApi(JobStarter starter, FailedUrlRetry retry, JobStore store, JobResultsReader results, ILogger<FetchJobApi> logger)
{
    /// <summary>Seconds a client is asked to wait before polling a running job again.</summary>
    public const int PollAfterSeconds = 2;

    /// <summary>Validates and starts a job; a known <c>jobId</c> with the same input starts nothing and returns that job.</summary>
    public async Task<JobStartResult> StartAsync(DurableTaskClient client, string? contentType, long? contentLength, Stream body, string? queryJobId, CancellationToken cancellationToken)
    {
        var outcome = await starter.StartAsync(client, contentType, contentLength, body, queryJobId, cancellationToken);
        if (outcome.Invalid is { } error)
        {
            var problem = ApiProblems.For(error);
            LogRejected(problem.Status ?? StatusCodes.Status400BadRequest, problem.Detail);
            return JobStartResult.Rejected(ApiResult.Problem(problem));
        }

        return ToStartResult(outcome);
    }

    /// <summary>Progress while the job runs; every result in input order once it has ended.</summary>
    /// <param name="client">The host's Durable client.</param>
    /// <param name="instanceId">The job.</param>
    /// <param name="format">The <c>format</c> query value, if any.</param>
    /// <param name="accept">The Accept header, if any.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    public async Task<ApiResult> GetStatusAsync(DurableTaskClient client, string instanceId, string? format, string? accept, CancellationToken cancellationToken)
    {
        using var scope = JobLogScope.Begin(logger, instanceId);
        ArgumentNullException.ThrowIfNull(client);
        if (ResultFormats.Parse(format, accept, out var formatProblem) is not { } resultFormat)
        {
            return ApiResult.Problem(ApiProblems.BadRequest(formatProblem!));
        }

        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (metadata is null)
        {
            LogUnknownJob(instanceId);
            return ApiResult.Problem(ApiProblems.NotFound(instanceId));
        }

        var status = metadata.RuntimeStatus.ToString();
        var manifest = await store.ReadManifestAsync(instanceId, cancellationToken);
        var progress = metadata.ReadCustomStatusAs<JobCounts>() ?? JobCounts.Start(manifest?.Total ?? 0);
        if (!metadata.IsCompleted)
        {
            var headers = new Dictionary<string, string> { ["Retry-After"] = PollAfterSeconds.ToString(CultureInfo.InvariantCulture) };
            return ApiResult.Json(StatusCodes.Status202Accepted, new JobStatusBody(instanceId, status, progress), headers);
        }

        var reason = JobEndReason.Of(metadata);
        if (metadata.RuntimeStatus == OrchestrationRuntimeStatus.Terminated)
        {
            // The progress a terminate froze misses what running batches stored after it; the rows decide.
            var rows = await ReadAllAsync(results.ReadMergedAsync(instanceId, cancellationToken));
            var total = manifest?.RetryOf is null ? manifest?.Total ?? progress.Total : manifest.BaseTotal;
            var stored = JobCounts.Of(rows);
            return ResultsAnswer(instanceId, status, stored with { Total = total }, reason, resultFormat, _ => rows.ToAsyncEnumerable());
        }

        return ResultsAnswer(instanceId, status, MergedCounts.Of(progress, manifest), reason, resultFormat, ct => results.ReadMergedAsync(instanceId, ct));
    }

    private static ApiResult ResultsAnswer(
        string id, string status, JobCounts counts, string? reason, ResultFormat format, Func<CancellationToken, IAsyncEnumerable<UrlResult>> rows) => format switch
    {
        ResultFormat.Ndjson => ApiResult.Stream(StatusCodes.Status200OK, ResultFormats.NdjsonContentType, (stream, ct) =>
            ResultStreamWriters.WriteNdjsonAsync(stream, rows(ct), ct), CountHeaders(status, counts)),
        ResultFormat.Csv => ApiResult.Stream(StatusCodes.Status200OK, ResultFormats.CsvContentType, (stream, ct) =>
            ResultStreamWriters.WriteCsvAsync(stream, rows(ct), ct), CountHeaders(status, counts)),
        _ => ApiResult.JsonStream(StatusCodes.Status200OK, (stream, ct) =>
            JobResultsDocument.WriteAsync(stream, id, status, counts, reason, rows(ct), ct)),
    };

    private static async Task<List<UrlResult>> ReadAllAsync(IAsyncEnumerable<UrlResult> results)
    {
        var rows = new List<UrlResult>();
        await foreach (var result in results)
        {
            rows.Add(result);
        }

        return rows;
    }

    /// <summary>Terminates a running job; what it fetched so far stays readable.</summary>
    public async Task<ApiResult> CancelAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        using var scope = JobLogScope.Begin(logger, instanceId);
        ArgumentNullException.ThrowIfNull(client);

        // Custom status (the progress shown back) comes only with inputs and outputs.
        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (metadata is null)
        {
            return ApiResult.Problem(ApiProblems.NotFound(instanceId));
        }

        if (metadata.IsCompleted)
        {
            return ApiResult.Problem(ApiProblems.Conflict($"Job '{instanceId}' already ended as {metadata.RuntimeStatus}."));
        }

        // The mark stops the job's running batches on every instance within about a second.
        await store.WriteCancelMarkAsync(instanceId, cancellationToken);
        await client.TerminateInstanceAsync(instanceId, "Canceled by request.", cancellationToken);
        LogCanceled(instanceId);
        var progress = metadata.ReadCustomStatusAs<JobCounts>() ?? JobCounts.Start(0);
        return ApiResult.Json(StatusCodes.Status202Accepted, new JobStatusBody(instanceId, "Terminating", progress));
    }

    /// <summary>Starts a job for the failed URLs of an ended job, keeping their original indexes.</summary>
    public async Task<JobStartResult> RetryFailedAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken) =>
        ToStartResult(await retry.StartAsync(client, instanceId, cancellationToken));

    private static JobStartResult ToStartResult(JobStartOutcome outcome) =>
        outcome.InstanceId is { } id ? JobStartResult.Started(id)
        : outcome.UnknownJob is { } unknown ? JobStartResult.Rejected(ApiResult.Problem(ApiProblems.NotFound(unknown)))
        : JobStartResult.Rejected(ApiResult.Problem(ApiProblems.Conflict(outcome.Conflict!)));

    /// <summary>
    /// The saved body of the result at <paramref name="index"/>, with the Content-Type it was fetched with. For a
    /// retry job the merged list decides, so a body comes from whichever job produced that result.
    /// </summary>
    /// <param name="client">The host's Durable client.</param>
    /// <param name="instanceId">The job.</param>
    /// <param name="index">The route's index, unparsed: anything but a whole number is a 400.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    public async Task<ApiResult> GetBodyAsync(DurableTaskClient client, string instanceId, string index, CancellationToken cancellationToken)
    {
        using var scope = JobLogScope.Begin(logger, instanceId);
        ArgumentNullException.ThrowIfNull(client);
        if (!int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var position))
        {
            return ApiResult.Problem(ApiProblems.BadRequest($"The result index must be a whole number from 0 (was '{index}')."));
        }

        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is null)
        {
            return ApiResult.Problem(ApiProblems.NotFound(instanceId));
        }

        var manifest = await store.ReadManifestAsync(instanceId, cancellationToken);
        var total = manifest?.RetryOf is null ? manifest?.Total : manifest.BaseTotal;
        if (position >= total)
        {
            return ApiResult.Problem(ApiProblems.NoBody($"Index {position} is out of range: job '{instanceId}' has {total} results (0 to {total - 1})."));
        }

        var result = await results.FindAsync(instanceId, position, cancellationToken);
        if (result?.BodyBlob is null)
        {
            var why = result is null ? "has no result yet"
                : manifest is { Settings.SaveBodies: false } ? "has no saved body: the job did not ask for saveBodies"
                : result.Error is { } error ? $"has no saved body: {error.Message}"
                : "has no saved body";
            return ApiResult.Problem(ApiProblems.NoBody($"Index {position} of job '{instanceId}' {why}."));
        }

        var body = await store.OpenBodyAsync(result.BodyBlob, cancellationToken);
        return body is null
            ? ApiResult.Problem(ApiProblems.NoBody($"The body of index {position} of job '{instanceId}' ({result.BodyBlob}) is no longer stored."))
            : StoredBodyResult.From(body);
    }

    /// <summary>NDJSON and CSV have no head, so the counts travel as headers.</summary>
    private static Dictionary<string, string> CountHeaders(string status, JobCounts counts) => new()
    {
        ["x-fetch-runtime-status"] = status,
        ["x-fetch-total"] = counts.Total.ToString(CultureInfo.InvariantCulture),
        ["x-fetch-succeeded"] = counts.Succeeded.ToString(CultureInfo.InvariantCulture),
        ["x-fetch-failed"] = counts.Failed.ToString(CultureInfo.InvariantCulture),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {InstanceId} canceled by request")]
    private partial void LogCanceled(string instanceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Status asked for unknown job {InstanceId}")]
    private partial void LogUnknownJob(string instanceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Start request rejected with {Status}: {Detail}")]
    private partial void LogRejected(int status, string? detail);
}
