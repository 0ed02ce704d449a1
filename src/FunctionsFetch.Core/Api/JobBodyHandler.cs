using System.Globalization;
using FunctionsFetch.Diagnostics;
using Microsoft.AspNetCore.Http;
using FunctionsFetch.Jobs;
using FunctionsFetch.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Api;

/// <summary><c>GET /api/fetch/{id}/results/{index}/body</c>: a saved body, with the Content-Type it was fetched with.</summary>
public sealed class JobBodyHandler(JobStore store, JobResultsReader results, ILogger<JobBodyHandler> logger)
{
    /// <summary>
    /// The saved body of the result at <paramref name="index"/>, with the Content-Type it was fetched with. For a
    /// retry job the merged list decides, so a body comes from whichever job produced that result.
    /// </summary>
    /// <param name="client">The host's Durable client.</param>
    /// <param name="instanceId">The job.</param>
    /// <param name="index">The route's index, unparsed: anything but a whole number is a 400.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    public async Task<IResult> HandleAsync(DurableTaskClient client, string instanceId, string index, CancellationToken cancellationToken)
    {
        using var scope = JobLogScope.Begin(logger, instanceId);
        ArgumentNullException.ThrowIfNull(client);
        if (!int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var position))
        {
            return ApiResults.Problem(ApiProblems.BadRequest($"The result index must be a whole number from 0 (was '{index}')."));
        }

        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is null)
        {
            return ApiResults.Problem(ApiProblems.NotFound(instanceId));
        }

        var manifest = await store.ReadManifestAsync(instanceId, cancellationToken);
        var total = manifest?.RetryOf is null ? manifest?.Total : manifest.BaseTotal;
        if (position >= total)
        {
            return ApiResults.Problem(ApiProblems.NoBody($"Index {position} is out of range: job '{instanceId}' has {total} results (0 to {total - 1})."));
        }

        var result = await results.FindAsync(instanceId, position, cancellationToken);
        if (result?.BodyBlob is null)
        {
            var why = result is null ? "has no result yet"
                : manifest is { Settings.SaveBodies: false } ? "has no saved body: the job did not ask for saveBodies"
                : result.Error is { } error ? $"has no saved body: {error.Message}"
                : "has no saved body";
            return ApiResults.Problem(ApiProblems.NoBody($"Index {position} of job '{instanceId}' {why}."));
        }

        var body = await store.OpenBodyAsync(result.BodyBlob, cancellationToken);
        return body is null
            ? ApiResults.Problem(ApiProblems.NoBody($"The body of index {position} of job '{instanceId}' ({result.BodyBlob}) is no longer stored."))
            : StoredBodyResult.From(body, cancellationToken);
    }
}
