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
        var counts = JobLiveStatus.CountsOf(metadata, manifest);
        if (!metadata.IsCompleted)
        {
            var headers = new Dictionary<string, string> { ["Retry-After"] = PollAfterSeconds.ToString(CultureInfo.InvariantCulture) };
            return ApiResults.Json(StatusCodes.Status202Accepted, new JobStatusBody(instanceId, status, counts, JobLiveStatus.ThrottledHostsOf(metadata), JobLiveStatus.ConcurrencyOf(metadata)), headers);
        }

        var reason = JobEndReason.Of(metadata);
        if (metadata.RuntimeStatus == OrchestrationRuntimeStatus.Terminated)
        {
            // The progress a terminate froze misses what running batches stored after it; the rows decide.
            var rows = await ReadAllAsync(results.ReadMergedAsync(instanceId, cancellationToken));
            var total = manifest?.RetryOf is null ? manifest?.Total ?? counts.Total : manifest.BaseTotal;
            var stored = JobCounts.Of(rows);
            return ResultsAnswer(instanceId, status, stored with { Total = total }, reason, resultFormat, rows.ToAsyncEnumerable(), cancellationToken);
        }

        return ResultsAnswer(instanceId, status, counts, reason, resultFormat, results.ReadMergedAsync(instanceId, cancellationToken), cancellationToken);
    }

    private static IResult ResultsAnswer(
        string id, string status, JobCounts counts, string? reason, ResultFormat format, IAsyncEnumerable<UrlResult> rows, CancellationToken ct) => format switch
    {
        ResultFormat.Ndjson => ApiResults.Stream(ResultFormats.NdjsonContentType, stream =>
            ResultStreamWriters.WriteNdjsonAsync(stream, rows, ct), CountHeaders(status, counts)),
        ResultFormat.Csv => ApiResults.Stream(ResultFormats.CsvContentType, stream =>
            ResultStreamWriters.WriteCsvAsync(stream, rows, ct), CountHeaders(status, counts)),
        _ => ApiResults.Stream(ApiResults.JsonContentType, stream =>
            JobResultsDocument.WriteAsync(stream, id, status, counts, reason, rows, ct)),
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
}
