using Azure.Monitor.OpenTelemetry.Exporter;
using FunctionsFetch.Diagnostics;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace FunctionsFetch.Functions.Telemetry;

/// <summary>
/// The <see cref="FetchMetrics"/> meter exported through OpenTelemetry to Azure Monitor (the same Application Insights
/// resource, as custom metrics), beside the Application Insights SDK that sends the worker's logs and dependencies.
/// Without <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> (locally, in tests) nothing is exported.
/// </summary>
public static class FetchMetricsExportExtensions
{
    public const string ConnectionStringKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationStringKey = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    public static FunctionsApplicationBuilder AddFetchMetricsExport(this FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = builder.Configuration[ConnectionStringKey];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return builder;
        }

        // Signed with the app's managed identity, as its other telemetry is (local auth is off on the resource).
        var credential = AzureMonitorCredential.From(builder.Configuration[AuthenticationStringKey]);
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(FetchMetrics.MeterName)
            .AddAzureMonitorMetricExporter(exporter =>
            {
                exporter.ConnectionString = connectionString;
                if (credential is not null)
                {
                    exporter.Credential = credential;
                }
            }));
        return builder;
    }
}
