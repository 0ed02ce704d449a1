using FunctionsFetch.Jobs;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Api;

/// <summary><c>POST /api/fetch/{id}/retry-failed</c>: maps a <see cref="FailedUrlRetry"/> outcome to the answer; the host builds the 202's check-status payload.</summary>
public sealed class RetryFailedHandler(FailedUrlRetry retry)
{
    /// <summary>Starts a job for the failed URLs of an ended job, keeping their original indexes.</summary>
    public async Task<IResult> HandleAsync(DurableTaskClient client, string instanceId, JobAccepted accepted, CancellationToken cancellationToken) =>
        JobStartAnswer.For(await retry.StartAsync(client, instanceId, cancellationToken), accepted);
}
