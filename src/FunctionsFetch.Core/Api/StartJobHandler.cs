using FunctionsFetch.Jobs;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Api;

/// <summary><c>POST /api/fetch</c>: maps a <see cref="JobStarter"/> outcome to the answer; the host builds the 202's check-status payload.</summary>
public sealed partial class StartJobHandler(JobStarter starter, ILogger<StartJobHandler> logger)
{
    /// <summary>Validates and starts a job; a known <c>jobId</c> with the same input starts nothing and returns that job.</summary>
    public async Task<IResult> HandleAsync(
        DurableTaskClient client, string? contentType, long? contentLength, Stream body, string? queryJobId, JobAccepted accepted, CancellationToken cancellationToken)
    {
        var outcome = await starter.StartAsync(client, contentType, contentLength, body, queryJobId, cancellationToken);
        if (outcome.Invalid is { } error)
        {
            LogRejected(error.Kind, error.Detail);
        }

        return JobStartAnswer.For(outcome, accepted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Start request rejected ({Kind}): {Detail}")]
    private partial void LogRejected(JobRequestErrorKind kind, string detail);
}
