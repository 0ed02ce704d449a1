using FunctionsFetch.Serialization;
using FunctionsFetch.Api;
using System.Globalization;
using System.Text.Json;
using FunctionsFetch.Jobs;
using FunctionsFetch.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Local.InstanceApi;

/// <summary>
/// The Durable Functions built-in instance API (<c>/runtime/webhooks/durabletask/instances…</c>) with its
/// paths, shapes and status codes, for hosts that do not get it from the Functions runtime.
/// </summary>
public sealed class DurableWebhooksApi(DurableTaskClient client, JobStore store, IInstanceHistorySource? historySource = null)
{
    public const string ContinuationHeader = "x-ms-continuation-token";

    public async Task<IResult> GetInstanceAsync(string instanceId, Func<string, string?> query, Uri statusUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? problem = null;
        if (!InstanceQueryParser.TryBool(query, "showInput", true, out var showInput, ref problem) ||
            !InstanceQueryParser.TryBool(query, "showHistory", false, out var showHistory, ref problem) ||
            !InstanceQueryParser.TryBool(query, "returnInternalServerErrorOnFailure", false, out var serverErrorOnFailure, ref problem))
        {
            return BadRequest(problem!);
        }

        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (metadata is null)
        {
            return ApiResults.Problem(ApiProblems.NotFound(instanceId));
        }

        JsonElement? history = null;
        if (showHistory)
        {
            history = historySource is null ? null : await historySource.GetHistoryAsync(instanceId, cancellationToken);
            if (history is null)
            {
                return ApiResults.Problem(ApiProblems.NotImplemented("showHistory is not available on this engine."));
            }
        }

        var body = ToBody(metadata, showInput) with { HistoryEvents = history };
        return metadata.RuntimeStatus switch
        {
            OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended =>
                ApiResults.Json(StatusCodes.Status202Accepted, body, new Dictionary<string, string>
                {
                    ["Location"] = statusUrl.AbsoluteUri,
                    ["Retry-After"] = JobStatusHandler.PollAfterSeconds.ToString(CultureInfo.InvariantCulture),
                }),
            OrchestrationRuntimeStatus.Failed when serverErrorOnFailure => ApiResults.Json(StatusCodes.Status500InternalServerError, body),
            _ => ApiResults.Json(StatusCodes.Status200OK, body),
        };
    }

    public async Task<IResult> ListAsync(Func<string, string?> query, string? continuationToken, CancellationToken cancellationToken)
    {
        var filter = InstanceQueryParser.Parse(query, continuationToken, out var problem);
        if (filter is null)
        {
            return BadRequest(problem!);
        }

        await foreach (var page in client.GetAllInstancesAsync(filter).AsPages(filter.ContinuationToken, filter.PageSize).WithCancellation(cancellationToken))
        {
            var bodies = page.Values.Select(m => ToBody(m, filter.FetchInputsAndOutputs)).ToList();
            var headers = string.IsNullOrEmpty(page.ContinuationToken)
                ? null
                : new Dictionary<string, string> { [ContinuationHeader] = InstanceContinuationToken.Wrap(page.ContinuationToken) };
            return ApiResults.Json(StatusCodes.Status200OK, bodies, headers);
        }

        return ApiResults.Json(StatusCodes.Status200OK, Array.Empty<InstanceStatusBody>());
    }

    /// <summary>Terminates, and marks the job canceled so its running batches stop on every instance.</summary>
    public Task<IResult> TerminateAsync(string instanceId, string? reason, CancellationToken cancellationToken) =>
        WhenActiveAsync(instanceId, async () =>
        {
            await store.WriteCancelMarkAsync(instanceId, cancellationToken);
            await client.TerminateInstanceAsync(instanceId, reason, cancellationToken);
        }, cancellationToken);

    public Task<IResult> SuspendAsync(string instanceId, string? reason, CancellationToken cancellationToken) =>
        WhenActiveAsync(instanceId, () => client.SuspendInstanceAsync(instanceId, reason, cancellationToken), cancellationToken);

    public Task<IResult> ResumeAsync(string instanceId, string? reason, CancellationToken cancellationToken) =>
        WhenActiveAsync(instanceId, () => client.ResumeInstanceAsync(instanceId, reason, cancellationToken), cancellationToken);

    public async Task<IResult> RaiseEventAsync(string instanceId, string eventName, Stream body, CancellationToken cancellationToken)
    {
        JsonElement? payload = null;
        using (var reader = new StreamReader(body))
        {
            var text = await reader.ReadToEndAsync(cancellationToken);
            if (!string.IsNullOrWhiteSpace(text))
            {
                try
                {
                    using var document = JsonDocument.Parse(text);
                    payload = document.RootElement.Clone();
                }
                catch (JsonException exception)
                {
                    return BadRequest($"The event data is not valid JSON: {exception.Message}");
                }
            }
        }

        return await WhenActiveAsync(instanceId, () => client.RaiseEventAsync(instanceId, eventName, payload, cancellationToken), cancellationToken);
    }

    public async Task<IResult> PurgeAsync(string instanceId, CancellationToken cancellationToken)
    {
        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (metadata is null)
        {
            return ApiResults.Problem(ApiProblems.NotFound(instanceId));
        }

        // The storage provider would delete a running instance's state under it; ask for a terminate first.
        if (!metadata.IsCompleted)
        {
            return ApiResults.Problem(ApiProblems.Conflict($"Instance '{instanceId}' is {metadata.RuntimeStatus}; terminate it before purging."));
        }

        // A retry-failed job merges this job's results into its own answer; purging them would empty it.
        if (await ReadersRefusalAsync(instanceId, "purged", cancellationToken) is { } refused)
        {
            return refused;
        }

        var manifest = await store.ReadManifestAsync(instanceId, cancellationToken);
        var result = await client.PurgeInstanceAsync(instanceId, cancellation: cancellationToken);
        await store.DeleteJobAsync(instanceId, cancellationToken);
        if (manifest?.CreatedAt is { } createdAt)
        {
            await store.DeleteIndexEntryAsync(instanceId, createdAt, cancellationToken);
        }
        if (manifest?.RetryOf is { } retried)
        {
            await store.RemoveDependentAsync(retried, instanceId, cancellationToken);
        }

        if (manifest?.Revalidates is { } revalidated)
        {
            await store.RemoveDependentAsync(revalidated, instanceId, cancellationToken);
        }

        if (metadata.ReadInputAs<FetchJobInput>()?.InputJobId is { } source && source != instanceId)
        {
            await store.RemoveDependentAsync(source, instanceId, cancellationToken);
        }

        return result.PurgedInstanceCount == 0
            ? ApiResults.Problem(ApiProblems.NotFound(instanceId))
            : ApiResults.Json(StatusCodes.Status200OK, new { instancesDeleted = result.PurgedInstanceCount });
    }

    /// <summary>A 409 naming the jobs that still read this job's results, or null when none does.</summary>
    private async Task<IResult?> ReadersRefusalAsync(string instanceId, string what, CancellationToken cancellationToken)
    {
        var readers = await LiveDependentsAsync(instanceId, cancellationToken);
        return readers.Count == 0 ? null : ApiResults.Problem(ApiProblems.Conflict(
            $"Instance '{instanceId}' has results that other jobs read: {string.Join(", ", readers.Select(r => $"'{r}'"))} (retry-failed, restarted, or revalidating jobs whose results reference its saved bodies). It cannot be {what} until those are purged."));
    }

    /// <summary>The recorded readers of the job's results that still exist; records of purged ones are dropped.</summary>
    private async Task<List<string>> LiveDependentsAsync(string instanceId, CancellationToken cancellationToken)
    {
        var live = new List<string>();
        foreach (var dependent in await store.ListDependentsAsync(instanceId, cancellationToken))
        {
            if (await client.GetInstanceAsync(dependent, getInputsAndOutputs: false, cancellationToken) is not null ||
                await store.ReadManifestAsync(dependent, cancellationToken) is not null)
            {
                live.Add(dependent);
            }
            else
            {
                await store.RemoveDependentAsync(instanceId, dependent, cancellationToken);
            }
        }

        return live;
    }

    /// <summary>
    /// Starts the job again from its first batch, with the same URLs and settings: under a new id (the default,
    /// as the Durable HTTP API has it), reading the URLs of the job it restarts and writing results of its own;
    /// or, with <paramref name="newInstanceId"/> false, under the same id once it has ended, its earlier results
    /// and cancel mark cleared first.
    /// </summary>
    public async Task<IResult> RestartAsync(string instanceId, Func<string, string?> query, Uri baseUrl, string? statusQuery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? problem = null;
        if (!InstanceQueryParser.TryBool(query, "restartWithNewInstanceId", true, out var newInstanceId, ref problem))
        {
            return BadRequest(problem!);
        }

        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (metadata is null)
        {
            return ApiResults.Problem(ApiProblems.NotFound(instanceId));
        }

        if (metadata.ReadInputAs<FetchJobInput>() is not { } input)
        {
            return ApiResults.Problem(ApiProblems.Conflict($"Instance '{instanceId}' has no job input to restart from."));
        }

        // The latest generation of a large job starts part-way; a restart starts from the first batch.
        var source = input.InputJobId ?? instanceId;
        var restarted = input with { StartBatch = 0, Before = null, InputJobId = source };
        if (!newInstanceId)
        {
            if (!metadata.IsCompleted)
            {
                return ApiResults.Problem(ApiProblems.Conflict($"Instance '{instanceId}' is {metadata.RuntimeStatus}; it restarts under the same id once it has ended."));
            }

            // A rerun clears the results, as a purge would: not while other jobs read them.
            if (await ReadersRefusalAsync(instanceId, "restarted under the same id", cancellationToken) is { } refused)
            {
                return refused;
            }

            // The engine's history of the ended run goes too: on Azure Storage a new run under an id that still has
            // one does not make progress.
            await store.DeleteResultsAsync(instanceId, cancellationToken);
            await client.PurgeInstanceAsync(instanceId, cancellation: cancellationToken);
            await client.ScheduleNewOrchestrationInstanceAsync(FetchJobNames.Orchestrator, restarted, new StartOrchestrationOptions(instanceId), cancellationToken);
            return CheckStatusPayload.Accepted(baseUrl, instanceId, statusQuery);
        }

        var newId = Guid.NewGuid().ToString("N");
        var createdAt = DateTimeOffset.UtcNow;
        if (await store.ReadManifestAsync(instanceId, cancellationToken) is { } manifest)
        {
            await store.WriteManifestAsync(newId, manifest with { CreatedAt = createdAt }, cancellationToken);
        }

        // Its batches read the headers under the source; a retry of its failed URLs reads them under its own id.
        if (input.HasHeaders && await store.ReadHeadersAsync(source, cancellationToken) is { } headers)
        {
            await store.WriteHeadersAsync(newId, headers, cancellationToken);
        }

        // Recorded first, so a purge of the job whose URLs it reads is refused while it exists.
        await store.AddDependentAsync(source, newId, cancellationToken);
        await store.WriteIndexEntryAsync(newId, createdAt, cancellationToken);
        await client.ScheduleNewOrchestrationInstanceAsync(FetchJobNames.Orchestrator, restarted, new StartOrchestrationOptions(newId), cancellationToken);
        return CheckStatusPayload.Accepted(baseUrl, newId, statusQuery);
    }

    public static IResult RewindNotSupported() =>
        ApiResults.Problem(ApiProblems.NotImplemented("Rewind is not supported by this engine."));

    private async Task<IResult> WhenActiveAsync(string instanceId, Func<Task> action, CancellationToken cancellationToken)
    {
        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        if (metadata is null)
        {
            return ApiResults.Problem(ApiProblems.NotFound(instanceId));
        }

        if (metadata.IsCompleted)
        {
            return ApiResults.Problem(ApiProblems.Gone(instanceId, metadata.RuntimeStatus.ToString()));
        }

        await action();
        return ApiResults.Empty(StatusCodes.Status202Accepted);
    }

    private static InstanceStatusBody ToBody(OrchestrationMetadata metadata, bool showInput) => new(
        metadata.Name,
        metadata.InstanceId,
        metadata.RuntimeStatus.ToString(),
        showInput ? SerializedJson.Parse(metadata.SerializedInput) : null,
        SerializedJson.Parse(metadata.SerializedCustomStatus),
        SerializedJson.Parse(metadata.SerializedOutput),
        metadata.CreatedAt,
        metadata.LastUpdatedAt);

    private static IResult BadRequest(string detail) => ApiResults.Problem(ApiProblems.BadRequest(detail));
}
