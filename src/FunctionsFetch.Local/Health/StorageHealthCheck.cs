using FunctionsFetch.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FunctionsFetch.Local.Health;

/// <summary>Ready when the job store's blob container answers: one existence check of a name no job uses.</summary>
internal sealed class StorageHealthCheck(IBlobContainer blobs) : IHealthCheck
{
    private const string ProbeName = "health/probe";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await blobs.ExistsAsync(ProbeName, cancellationToken);
            return HealthCheckResult.Healthy("The job store's container answers.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The cause (which can name the storage endpoint) goes to the log only, never to the unauthenticated answer.
            return HealthCheckResult.Unhealthy("Storage is unreachable.", exception);
        }
    }
}
