using System.Diagnostics.Metrics;
using FunctionsFetch.Diagnostics;
using OpenTelemetry.Metrics;

namespace FunctionsFetch.Local.Metrics;

/// <summary>
/// The <see cref="FetchMetrics"/> meter exported through OpenTelemetry in the Prometheus text format at <see cref="Path"/>,
/// outside the API key (it carries counts, never a URL, host or job id). The exporter package is a beta (1.20.1-beta.1).
/// </summary>
public static class PrometheusMetrics
{
    public const string Path = "/metrics";

    /// <summary>
    /// Adds an OpenTelemetry meter provider for the <c>FunctionsFetch</c> meter with the Prometheus exporter; each scrape
    /// reads the counts afresh. Only this host's meters count: OpenTelemetry listens to meters by name across the whole
    /// process, so a second host in it (tests, an embedded CLI engine) would otherwise add its counts to this one's.
    /// </summary>
    public static IServiceCollection AddPrometheusMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(FetchMetrics.MeterName)
            .AddPrometheusExporter(exporter => exporter.ScrapeResponseCacheDurationMilliseconds = 0));
        services.ConfigureOpenTelemetryMeterProvider((provider, builder) =>
        {
            var own = provider.GetRequiredService<IMeterFactory>();
            builder.AddView(instrument => ReferenceEquals(instrument.Meter.Scope, own) ? null : MetricStreamConfiguration.Drop);
        });
        return services;
    }

    public static IEndpointRouteBuilder MapPrometheusMetrics(this IEndpointRouteBuilder routes)
    {
        routes.MapPrometheusScrapingEndpoint(Path);
        return routes;
    }
}
