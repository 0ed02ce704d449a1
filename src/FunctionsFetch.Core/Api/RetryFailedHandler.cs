using FunctionsFetch.Jobs;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Api;

/// <summary><c>POST /api/fetch/{id}/retry-failed</c>: maps a <see cref="FailedUrlRetry"/> outcome to the answer; the host adds the check-status payload.</summary>
public sealed class RetryFailedHandler(FailedUrlRetry retry)
{
    /// <summary>Starts a job for the failed URLs of an ended job, keeping their original indexes.</summary>
    public async Task<JobStartResult> HandleAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken) =>
        JobStartResult.From(await retry.StartAsync(client, instanceId, cancellationToken));
}
