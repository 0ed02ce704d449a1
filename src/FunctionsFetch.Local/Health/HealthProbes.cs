using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FunctionsFetch.Local.Health;

/// <summary>
/// The container probes: <see cref="LivenessPath"/> (the process serves: always <c>200 Healthy</c>) and <see cref="ReadinessPath"/>
/// (the engine answers and the job store's storage is reachable: <c>200</c>, else <c>503</c>), both outside the API key.
/// </summary>
public static class HealthProbes
{
    public const string LivenessPath = "/healthz";
    public const string ReadinessPath = "/readyz";

    /// <summary>How long one readiness check may take before it counts as failed (the storage SDK retries for longer).</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    private const string ReadyTag = "ready";

    /// <summary>Adds the readiness checks: <c>storage</c> (the job store's blob container) and <c>engine</c> (the Durable Task client).</summary>
    public static IServiceCollection AddHealthProbes(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage", tags: [ReadyTag], timeout: CheckTimeout)
            .AddCheck<EngineHealthCheck>("engine", tags: [ReadyTag], timeout: CheckTimeout);
        return services;
    }

    /// <summary>Maps <see cref="LivenessPath"/> (no checks) and <see cref="ReadinessPath"/> (the ready checks, each one's status in the body).</summary>
    public static IEndpointRouteBuilder MapHealthProbes(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks(LivenessPath, new HealthCheckOptions { Predicate = _ => false });
        routes.MapHealthChecks(ReadinessPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteReadinessAsync,
        });
        return routes;
    }

    /// <summary><c>{"status": "Unhealthy", "checks": {"storage": "Healthy", "engine": "Unhealthy"}}</c>: statuses only, never a cause.</summary>
    private static Task WriteReadinessAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(entry => entry.Key, entry => entry.Value.Status.ToString(), StringComparer.Ordinal),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }
}
