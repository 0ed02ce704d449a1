using FunctionsFetch.Diagnostics;
using FunctionsFetch.Fetching;
using FunctionsFetch.Jobs;
using FunctionsFetch.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Api;

/// <summary>
/// <c>GET /api/fetch/{id}/rows?offset=&amp;limit=&amp;statusMin=&amp;statusMax=&amp;errorKind=&amp;outcome=&amp;q=</c>: one page of
/// the stored results that match a filter, in input order, and how many match in all, for a table that pages from the
/// server. The results stream past the filter; only the page is held.
/// </summary>
public sealed partial class JobRowsHandler(JobResultsReader results, ILogger<JobRowsHandler> logger)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    /// <summary>The query values of a page of rows, unparsed (null: not given).</summary>
    public sealed record Query(string? Offset, string? Limit, string? StatusMin, string? StatusMax, string? ErrorKind, string? Outcome, string? Text)
    {
        /// <summary>The values as both hosts read them off the request.</summary>
        public static Query From(HttpRequest request)
        {
            ArgumentNullException.ThrowIfNull(request);
            return new(
                request.QueryValue("offset"),
                request.QueryValue("limit"),
                request.QueryValue("statusMin"),
                request.QueryValue("statusMax"),
                request.QueryValue("errorKind"),
                request.QueryValue("outcome"),
                request.QueryValue("q"));
        }
    }

    public async Task<IResult> HandleAsync(DurableTaskClient client, string instanceId, Query query, CancellationToken cancellationToken)
    {
        using var scope = JobLogScope.Begin(logger, instanceId);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(query);
        if (QueryNumber.Parse(query.Offset, 0, int.MaxValue, 0) is not { } offset)
        {
            return ApiResults.Problem(ApiProblems.BadRequest(QueryNumber.Rule("offset", query.Offset, 0, int.MaxValue)));
        }

        if (QueryNumber.Parse(query.Limit, 1, MaxLimit, DefaultLimit) is not { } limit)
        {
            return ApiResults.Problem(ApiProblems.BadRequest(QueryNumber.Rule("limit", query.Limit, 1, MaxLimit)));
        }

        var (filter, problem) = ResultFilter.Parse(query.StatusMin, query.StatusMax, query.ErrorKind, query.Outcome, query.Text);
        if (filter is null)
        {
            return ApiResults.Problem(ApiProblems.BadRequest(problem!));
        }

        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is null)
        {
            LogUnknownJob(instanceId);
            return ApiResults.Problem(ApiProblems.NotFound(instanceId));
        }

        var page = new List<UrlResult>(Math.Min(limit, 64));
        var matched = 0;
        await foreach (var result in results.ReadMergedAsync(instanceId, cancellationToken))
        {
            if (!filter.Matches(result))
            {
                continue;
            }

            if (matched >= offset && page.Count < limit)
            {
                page.Add(result);
            }

            matched++;
        }

        return ApiResults.Json(StatusCodes.Status200OK, new JobRowsPage(page, matched, offset, limit));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rows asked for unknown job {InstanceId}")]
    private partial void LogUnknownJob(string instanceId);
}
