using FunctionsFetch.Diagnostics;
using FunctionsFetch.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Jobs;

/// <summary>
/// Validates, stores and schedules a start request. A client-chosen <c>jobId</c> makes it idempotent: a known id
/// with the same input starts nothing and names that job; with other input it conflicts.
/// </summary>
public sealed partial class JobStarter(JobRequestReader reader, JobStore store, JobScheduler scheduler, JobRevalidation revalidation, ILogger<JobStarter> logger)
{
    /// <param name="client">The host's Durable client.</param>
    /// <param name="contentType">The request's Content-Type.</param>
    /// <param name="contentLength">Its declared length, when there is one.</param>
    /// <param name="body">Its body.</param>
    /// <param name="queryJobId">A <c>jobId</c> from the query string.</param>
    /// <param name="apiBase">The API's base URL as this request reached it (<c>http://host:port</c>): a completion callback's status and results URLs start with it.</param>
    /// <param name="cancellationToken">Aborts the start.</param>
    public async Task<JobStartOutcome> StartAsync(
        DurableTaskClient client, string? contentType, long? contentLength, Stream body, string? queryJobId, Uri apiBase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(apiBase);
        var request = await reader.ReadAsync(contentType, contentLength, body, queryJobId, cancellationToken);
        if (request.Error is { } error)
        {
            return JobStartOutcome.Refused(error);
        }

        var input = request.Input!;
        if (input.Revalidate is { } earlier && await EarlierJobRefusalAsync(client, earlier, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        if (input.Callback is { } callback)
        {
            input = input with { Callback = callback with { ApiBase = apiBase.GetLeftPart(UriPartial.Path).TrimEnd('/') } };
        }

        var manifest = new JobManifest(JobInputHash.Of(input), input.Urls.Count, input.Settings, Revalidates: input.Revalidate, HasCallback: input.Callback is not null);
        if (request.JobId is not { } jobId)
        {
            return await ScheduleAsync(client, Guid.NewGuid().ToString("N"), input, manifest, clientChosenId: false, cancellationToken);
        }

        using (await JobStartGate.EnterAsync(jobId, cancellationToken))
        {
            var existing = await client.GetInstanceAsync(jobId, getInputsAndOutputs: false, cancellationToken);
            return existing is not null
                ? await SameJobOrConflictAsync(client, jobId, manifest, cancellationToken)
                : await ScheduleAsync(client, jobId, input, manifest, clientChosenId: true, cancellationToken);
        }
    }

    private async Task<JobStartOutcome> ScheduleAsync(DurableTaskClient client, string instanceId, JobRequest input, JobManifest manifest, bool clientChosenId, CancellationToken cancellationToken)
    {
        using var scope = JobLogScope.Begin(logger, instanceId);
        try
        {
            input = await WithValidatorsAsync(instanceId, input, cancellationToken);
            await scheduler.ScheduleAsync(client, instanceId, input, manifest, cancellationToken);
        }
        catch (JobIdTakenException taken)
        {
            // A start with other input stored its manifest first (another process, or one not scheduled yet).
            return JobStartOutcome.Conflicts(taken.Message);
        }
        catch (Exception exception) when (clientChosenId && exception is not OperationCanceledException)
        {
            // Another process started the same jobId first; answer as if it had come first.
            if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is null)
            {
                throw;
            }

            return await SameJobOrConflictAsync(client, instanceId, manifest, cancellationToken);
        }

        LogStarted(instanceId, input.Urls.Count);
        return JobStartOutcome.Started(instanceId);
    }

    /// <summary>Why a job cannot revalidate <paramref name="earlier"/> (unknown: 400; not ended: 409), or null when it can.</summary>
    private async Task<JobStartOutcome?> EarlierJobRefusalAsync(DurableTaskClient client, string earlier, CancellationToken cancellationToken)
    {
        var metadata = await client.GetInstanceAsync(earlier, getInputsAndOutputs: false, cancellationToken);
        if (metadata is null || await store.ReadManifestAsync(earlier, cancellationToken) is null)
        {
            return JobStartOutcome.Refused(new JobRequestError(
                JobRequestErrorKind.Invalid, $"options.{JobRequestReader.RevalidateOption} names job '{earlier}', which does not exist (or was purged)."));
        }

        return metadata.IsCompleted
            ? null
            : JobStartOutcome.Conflicts($"Job '{earlier}' is still {metadata.RuntimeStatus}; revalidate against it once it has ended.");
    }

    /// <summary>
    /// The earlier job's result for each URL (<c>revalidate</c>). Recorded as a reader of the earlier job first when that job
    /// saved bodies, so a purge of it is refused while this job's 304 results reference them.
    /// </summary>
    private async Task<JobRequest> WithValidatorsAsync(string instanceId, JobRequest input, CancellationToken cancellationToken)
    {
        if (input.Revalidate is not { } earlier)
        {
            return input;
        }

        if (await store.ReadManifestAsync(earlier, cancellationToken) is { Settings.SaveBodies: true })
        {
            await store.AddDependentAsync(earlier, instanceId, cancellationToken);
        }

        var validators = await revalidation.MatchAsync(earlier, input.Urls, cancellationToken);
        var matched = validators.Count(prior => prior is not null);
        LogRevalidating(instanceId, earlier, matched, input.Urls.Count);
        return input with { Validators = validators };
    }

    private async Task<JobStartOutcome> SameJobOrConflictAsync(DurableTaskClient client, string jobId, JobManifest wanted, CancellationToken cancellationToken)
    {
        var stored = await store.ReadManifestAsync(jobId, cancellationToken);
        if (stored?.InputHash == wanted.InputHash)
        {
            await scheduler.EnsureCallbackAsync(client, jobId, stored, cancellationToken);
            LogAlreadyStarted(jobId);
            return JobStartOutcome.Started(jobId);
        }

        return JobStartOutcome.Conflicts($"Job '{jobId}' already exists with different URLs or options.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {InstanceId} started with {UrlCount} URLs")]
    private partial void LogStarted(string instanceId, int urlCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {InstanceId} revalidates job {EarlierJobId}: {Matched} of {UrlCount} URLs have validators")]
    private partial void LogRevalidating(string instanceId, string earlierJobId, int matched, int urlCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {InstanceId} already exists with the same input; nothing started")]
    private partial void LogAlreadyStarted(string instanceId);
}
