using FunctionsFetch.Jobs;
using FunctionsFetch.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Api;

/// <summary>
/// <c>GET /api/fetch?top=&amp;continuationToken=</c>: the jobs, newest first, a page at a time, from the job index; the
/// next page's token in <c>x-ms-continuation-token</c>. Counts are those the job's orchestration last published.
/// </summary>
public sealed partial class JobListHandler(JobStore store, ILogger<JobListHandler> logger)
{
    public const int DefaultTop = 20;
    public const int MaxTop = 100;
    public const string ContinuationHeader = "x-ms-continuation-token";

    public async Task<IResult> HandleAsync(DurableTaskClient client, string? top, string? continuationToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (QueryNumber.Parse(top, 1, MaxTop, DefaultTop) is not { } pageSize)
        {
            return ApiResults.Problem(ApiProblems.BadRequest(QueryNumber.Rule("top", top, 1, MaxTop)));
        }

        IReadOnlyList<string> ids;
        string? next;
        try
        {
            (ids, next) = await store.ReadIndexPageAsync(string.IsNullOrEmpty(continuationToken) ? null : continuationToken, pageSize, cancellationToken);
        }
        catch (FormatException)
        {
            return ApiResults.Problem(ApiProblems.BadRequest("continuationToken must be one an earlier page of this list gave in x-ms-continuation-token."));
        }

        // A job purged by a host whose purge leaves its blobs (the Functions extension) is no longer listed.
        var entries = (await Task.WhenAll(ids.Select(id => EntryAsync(client, id, cancellationToken)))).OfType<JobListEntry>().ToArray();
        LogListed(entries.Length, next is not null);
        var headers = next is null ? null : new Dictionary<string, string> { [ContinuationHeader] = next };
        return ApiResults.Json(StatusCodes.Status200OK, entries, headers);
    }

    private async Task<JobListEntry?> EntryAsync(DurableTaskClient client, string id, CancellationToken cancellationToken)
    {
        var metadata = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
        if (metadata is null)
        {
            return null;
        }

        var manifest = await store.ReadManifestAsync(id, cancellationToken);
        return new JobListEntry(id, metadata.RuntimeStatus.ToString(), metadata.CreatedAt, metadata.LastUpdatedAt, JobLiveStatus.CountsOf(metadata, manifest));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Listed {Count} jobs; more: {More}")]
    private partial void LogListed(int count, bool more);
}
