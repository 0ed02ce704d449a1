using System.Net.Http.Headers;
using System.Text.Json;
using FunctionsFetch.Configuration;
using FunctionsFetch.Diagnostics;
using FunctionsFetch.Fetching;
using FunctionsFetch.Serialization;
using FunctionsFetch.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FunctionsFetch.Jobs.Callbacks;

/// <summary>
/// The delivery activity's body: one signed POST of a job's summary to its callback URL, then its outcome recorded in the job store, so
/// the job's status shows it. A 2xx answer is delivered; any other answer, a refused or failed connection or a timeout is not (the
/// orchestration tries again). The URL is read from the job store and never logged, as its query may hold a token.
/// </summary>
public sealed partial class CallbackDelivery(
    JobStore store, JobResultsReader results, IHttpClientFactory clients, IOptions<FetchOptions> options, ILogger<CallbackDelivery> logger)
{
    private readonly FetchOptions _options = options.Value;

    public async Task<CallbackOutcome> DeliverAsync(CallbackAttempt attempt, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(client);
        using var scope = JobLogScope.Begin(logger, attempt.JobId);
        var target = await store.ReadCallbackTargetAsync(attempt.JobId, cancellationToken);
        var metadata = await client.GetInstanceAsync(attempt.JobId, getInputsAndOutputs: true, cancellationToken);
        if (target?.ApiBase is null || metadata is null || string.IsNullOrEmpty(_options.CallbackSecret))
        {
            // Purged meanwhile, or the secret was removed from the server since the job started: nothing can be sent.
            LogNothingToSend(attempt.JobId, attempt.Number);
            return new CallbackOutcome(false, null, attempt.Number);
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(await SummaryAsync(metadata, target.ApiBase, cancellationToken), FetchJson.Options);
        var statusCode = await PostAsync(target.Url, body, attempt, cancellationToken);
        var outcome = new CallbackOutcome(statusCode is >= 200 and < 300, statusCode, attempt.Number);
        await store.WriteCallbackOutcomeAsync(attempt.JobId, outcome, cancellationToken);
        LogAttempt(attempt.JobId, attempt.Number, attempt.DeliveryId, statusCode, outcome.Delivered);
        return outcome;
    }

    /// <summary>The job's summary, its counts as its status answer computes them.</summary>
    private async Task<CallbackSummary> SummaryAsync(OrchestrationMetadata metadata, string apiBase, CancellationToken cancellationToken)
    {
        var jobId = metadata.InstanceId;
        var manifest = await store.ReadManifestAsync(jobId, cancellationToken);
        var progress = JobStatusCounts.Progress(metadata, manifest);
        JobCounts? stored = null;
        if (JobStatusCounts.CountsRows(metadata))
        {
            var rows = new List<UrlResult>();
            await foreach (var row in results.ReadMergedAsync(jobId, cancellationToken))
            {
                rows.Add(row);
            }

            stored = JobCounts.Of(rows);
        }

        var counts = JobStatusCounts.Of(progress, manifest, stored);
        return CallbackSummary.Of(jobId, metadata.RuntimeStatus.ToString(), counts, JobEndReason.Of(metadata), apiBase);
    }

    /// <summary>The answer's status code, or null when none came (refused by the guard, no connection, timed out).</summary>
    private async Task<int?> PostAsync(string url, byte[] body, CallbackAttempt attempt, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.CallbackTimeoutSeconds));
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(CallbackSignature.SignatureHeader, CallbackSignature.Sign(body, _options.CallbackSecret!));
        request.Headers.Add(CallbackSignature.DeliveryHeader, attempt.DeliveryId);
        try
        {
            using var response = await clients.CreateClient(CallbackHttpClient.Name).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return (int)response.StatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException ||
            (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The exception's type only: its message may name the URL.
            LogNoAnswer(attempt.JobId, attempt.Number, exception.GetType().Name);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {InstanceId} callback attempt {Attempt} (delivery {DeliveryId}): status {StatusCode}, delivered {Delivered}")]
    private partial void LogAttempt(string instanceId, int attempt, string deliveryId, int? statusCode, bool delivered);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {InstanceId} callback attempt {Attempt} got no answer ({Error})")]
    private partial void LogNoAnswer(string instanceId, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {InstanceId} callback attempt {Attempt} has nothing to send: the job, its callback target or Fetch:CallbackSecret is gone")]
    private partial void LogNothingToSend(string instanceId, int attempt);
}
