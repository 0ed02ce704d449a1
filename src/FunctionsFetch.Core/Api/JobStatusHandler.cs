using System.Globalization;
using FunctionsFetch.Diagnostics;
using FunctionsFetch.Fetching;
using FunctionsFetch.Jobs;
using FunctionsFetch.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Api;

/// <summary><c>GET /api/fetch/{id}</c>: progress while the job runs, every result in input order (JSON, NDJSON or CSV) once it has ended.</summary>
public sealed partial class JobStatusHandler(JobStore store, JobResultsReader results, ILogger<JobStatusHandler> logger)
{
    /// <summary>Seconds a client is asked to wait before polling a running job again.</summary>
    public const int PollAfterSeconds = 2;

    /// <summary>Progress while the job runs; every result in input order once it has ended.</summary>
    /// <param name="client">The host's Durable client.</param>
    /// <param name="instanceId">The job.</param>
    /// <param name="format">The <c>format</c> query value, if any.</param>
    /// <param name="accept">The Accept header, if any.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    public async Task<IResult> HandleAsync(DurableTaskClient client, string instanceId, string? format, string? accept, CancellationToken cancellationToken)
    {
        using var scope = JobLogScope.Begin(logger, instanceId);
        ArgumentNullException.ThrowIfNull(client);
        if (ResultFormats.Parse(format, accept, out var formatProblem) is not { } resultFormat)
        {
            return ApiResults.Problem(ApiProblems.BadRequest(formatProblem!));
        }

        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (metadata is null)
        {
            LogUnknownJob(instanceId);
            return ApiResults.Problem(ApiProblems.NotFound(instanceId));
        }

        var status = metadata.RuntimeStatus.ToString();
        var manifest = await store.ReadManifestAsync(instanceId, cancellationToken);
        var progress = JobStatusCounts.Progress(metadata, manifest);
        var callback = manifest?.HasCallback == true ? await store.ReadCallbackOutcomeAsync(instanceId, cancellationToken) ?? CallbackOutcome.NotYet : null;
        if (!metadata.IsCompleted)
        {
            var headers = new Dictionary<string, string> { ["Retry-After"] = PollAfterSeconds.ToString(CultureInfo.InvariantCulture) };
            var body = new JobStatusBody(instanceId, status, progress, JobLiveStatus.ThrottledHostsOf(metadata), JobLiveStatus.ConcurrencyOf(metadata)) { Callback = callback };
            return ApiResults.Json(StatusCodes.Status202Accepted, body, headers);
        }

        var reason = JobEndReason.Of(metadata);
        if (JobStatusCounts.CountsRows(metadata))
        {
            var rows = await ReadAllAsync(results.ReadMergedAsync(instanceId, cancellationToken));
            var counts = JobStatusCounts.Of(progress, manifest, JobCounts.Of(rows));
            return ResultsAnswer(new(instanceId, status, counts, reason, callback), resultFormat, rows.ToAsyncEnumerable(), cancellationToken);
        }

        var ended = new EndedJob(instanceId, status, JobStatusCounts.Of(progress, manifest, storedRows: null), reason, callback);
        return ResultsAnswer(ended, resultFormat, results.ReadMergedAsync(instanceId, cancellationToken), cancellationToken);
    }

    private static IResult ResultsAnswer(EndedJob job, ResultFormat format, IAsyncEnumerable<UrlResult> rows, CancellationToken ct) => format switch
    {
        ResultFormat.Ndjson => ApiResults.Stream(ResultFormats.NdjsonContentType, stream =>
            ResultStreamWriters.WriteNdjsonAsync(stream, rows, ct), CountHeaders(job.Status, job.Counts)),
        ResultFormat.Csv => ApiResults.Stream(ResultFormats.CsvContentType, stream =>
            ResultStreamWriters.WriteCsvAsync(stream, rows, ct), CountHeaders(job.Status, job.Counts)),
        _ => ApiResults.Stream(ApiResults.JsonContentType, stream =>
            JobResultsDocument.WriteAsync(stream, job.Id, job.Status, job.Counts, job.Reason, job.Callback, rows, ct)),
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

    /// <summary>NDJSON and CSV have no head, so the counts travel as headers.</summary>
    private static Dictionary<string, string> CountHeaders(string status, JobCounts counts) => new()
    {
        ["x-fetch-runtime-status"] = status,
        ["x-fetch-total"] = counts.Total.ToString(CultureInfo.InvariantCulture),
        ["x-fetch-succeeded"] = counts.Succeeded.ToString(CultureInfo.InvariantCulture),
        ["x-fetch-failed"] = counts.Failed.ToString(CultureInfo.InvariantCulture),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Status asked for unknown job {InstanceId}")]
    private partial void LogUnknownJob(string instanceId);

    /// <summary>What the head of an ended job's answer says.</summary>
    private sealed record EndedJob(string Id, string Status, JobCounts Counts, string? Reason, CallbackOutcome? Callback);
}
