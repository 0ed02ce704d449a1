using FunctionsFetch.Jobs;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Api;

/// <summary><c>POST /api/fetch</c>: maps a <see cref="JobStarter"/> outcome to the answer; the host builds the 202's check-status payload.</summary>
public sealed partial class StartJobHandler(JobStarter starter, ILogger<StartJobHandler> logger)
{
    /// <summary>Validates and starts a job; a known <c>jobId</c> with the same input starts nothing and returns that job.</summary>
    /// <param name="client">The host's Durable client.</param>
    /// <param name="contentType">The request's Content-Type.</param>
    /// <param name="contentLength">Its declared length, when there is one.</param>
    /// <param name="body">Its body.</param>
    /// <param name="queryJobId">A <c>jobId</c> from the query string.</param>
    /// <param name="accepted">The host's 202 for a started job.</param>
    /// <param name="apiBase">This API's base URL as the request reached it, for a completion callback's status and results URLs (no key in them).</param>
    /// <param name="cancellationToken">Aborts the start.</param>
    public async Task<IResult> HandleAsync(
        DurableTaskClient client, string? contentType, long? contentLength, Stream body, string? queryJobId, JobAccepted accepted, Uri apiBase, CancellationToken cancellationToken)
    {
        var outcome = await starter.StartAsync(client, contentType, contentLength, body, queryJobId, apiBase, cancellationToken);
        if (outcome.Invalid is { } error)
        {
            LogRejected(error.Kind, error.Detail);
        }

        return JobStartAnswer.For(outcome, accepted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Start request rejected ({Kind}): {Detail}")]
    private partial void LogRejected(JobRequestErrorKind kind, string detail);
}
