using FunctionsFetch.Diagnostics;
using FunctionsFetch.Jobs;
using FunctionsFetch.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Api;

/// <summary>
/// <c>GET /api/fetch/{id}/results?format=&amp;after=&amp;limit=</c>: the results stored since a cursor, in the order their
/// batches finished, while the job runs and after; the next cursor in <c>x-fetch-cursor</c>, and <c>x-fetch-complete</c>
/// true once the job has ended and nothing is left after it. A job terminated through the Durable API ends before the
/// batches it was running have stored what they fetched (they stop within about a second and then store): it is
/// complete only once <see cref="TerminatedSettle"/> has passed since the terminate.
/// </summary>
public sealed partial class JobResultsPageHandler(LiveResultsReader reader, ILogger<JobResultsPageHandler> logger, TimeProvider? time = null)
{
    /// <summary>How long after a terminate its running batches may still store results.</summary>
    public static readonly TimeSpan TerminatedSettle = TimeSpan.FromSeconds(30);

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public const int DefaultLimit = 1000;
    public const int MaxLimit = 10_000;
    public const string CursorHeader = "x-fetch-cursor";
    public const string CompleteHeader = "x-fetch-complete";

    /// <param name="client">The host's Durable client.</param>
    /// <param name="instanceId">The job.</param>
    /// <param name="format">The <c>format</c> query value (ndjson when absent).</param>
    /// <param name="after">The <c>after</c> query value: a cursor an earlier page gave; the first result when absent.</param>
    /// <param name="limit">The <c>limit</c> query value: rows at most (1 to <see cref="MaxLimit"/>, <see cref="DefaultLimit"/> when absent).</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    public async Task<IResult> HandleAsync(DurableTaskClient client, string instanceId, string? format, string? after, string? limit, CancellationToken cancellationToken)
    {
        using var scope = JobLogScope.Begin(logger, instanceId);
        ArgumentNullException.ThrowIfNull(client);
        if (ResultFormats.Parse(format, ResultFormat.Ndjson, out var formatProblem) is not { } resultFormat)
        {
            return ApiResults.Problem(ApiProblems.BadRequest(formatProblem!));
        }

        if (QueryNumber.Parse(limit, 1, MaxLimit, DefaultLimit) is not { } rows)
        {
            return ApiResults.Problem(ApiProblems.BadRequest(QueryNumber.Rule("limit", limit, 1, MaxLimit)));
        }

        var cursor = ResultsCursor.Start;
        if (!string.IsNullOrEmpty(after) && !ResultsCursor.TryDecode(after, out cursor))
        {
            return BadCursor(after);
        }

        // The job's state is read before its finish log: a file logged after this read is never declared complete and skipped.
        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (metadata is null)
        {
            LogUnknownJob(instanceId);
            return ApiResults.Problem(ApiProblems.NotFound(instanceId));
        }

        var inputJobId = metadata.ReadInputAs<FetchJobInput>()?.InputJobId ?? instanceId;
        var page = await reader.ReadPageAsync(instanceId, inputJobId, metadata.IsCompleted, cursor, rows, cancellationToken);
        if (page is null)
        {
            return BadCursor(after!);
        }

        var next = page.Next.Encode();
        var complete = metadata.IsCompleted && page.Exhausted && Settled(metadata);
        var headers = new Dictionary<string, string>
        {
            [CursorHeader] = next,
            [CompleteHeader] = complete ? "true" : "false",
        };
        var results = page.Results.ToAsyncEnumerable();
        return resultFormat switch
        {
            ResultFormat.Ndjson => ApiResults.Stream(ResultFormats.NdjsonContentType, stream => ResultStreamWriters.WriteNdjsonAsync(stream, results, cancellationToken), headers),
            ResultFormat.Csv => ApiResults.Stream(ResultFormats.CsvContentType, stream => ResultStreamWriters.WriteCsvAsync(stream, results, cancellationToken), headers),
            _ => ApiResults.Json(StatusCodes.Status200OK, new ResultsPageBody(page.Results, next, complete), headers),
        };
    }

    /// <summary>Whether no batch of the ended job can still store results.</summary>
    private bool Settled(OrchestrationMetadata metadata) =>
        metadata.RuntimeStatus != OrchestrationRuntimeStatus.Terminated || _time.GetUtcNow() - metadata.LastUpdatedAt >= TerminatedSettle;

    private static IResult BadCursor(string after) =>
        ApiResults.Problem(ApiProblems.BadRequest($"after must be a cursor an earlier page of this job's results gave (was '{after}')."));

    [LoggerMessage(Level = LogLevel.Information, Message = "Results asked for unknown job {InstanceId}")]
    private partial void LogUnknownJob(string instanceId);
}
