using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FunctionsFetch.Local.Health;

/// <summary>
/// Ready when the Durable Task engine answers its client: a status query for an instance no job has (the engine then
/// reads its instance store, so this also fails while the task hub's storage is unreachable).
/// </summary>
internal sealed class EngineHealthCheck(DurableTaskClient client) : IHealthCheck
{
    private const string ProbeInstanceId = "readyz-probe";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await client.GetInstanceAsync(ProbeInstanceId, getInputsAndOutputs: false, cancellationToken);
            return HealthCheckResult.Healthy("The engine answers.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The engine does not answer.", exception);
        }
    }
}
