using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Functions.Telemetry;

/// <summary>
/// Application Insights in the worker. Without <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> (locally, in
/// tests) nothing is sent and the app runs the same.
/// </summary>
public static class FetchTelemetryExtensions
{
    /// <summary>Telemetry types sampling never drops: failed orchestrations and activities show up as both.</summary>
    public const string NeverSampled = "Request;Exception";

    /// <summary>Items per second adaptive sampling aims for; the Functions host's default.</summary>
    private const double MaxItemsPerSecond = 20;

    private const string ApplicationInsightsProvider = "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider";

    public static FunctionsApplicationBuilder AddFetchTelemetry(this FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // The package's own adaptive sampling would sample exceptions too; ours below keeps them.
        builder.Services
            .AddApplicationInsightsTelemetryWorkerService(options => options.EnableAdaptiveSampling = false)
            .ConfigureFunctionsApplicationInsights();
        builder.Services.Configure<TelemetryConfiguration>(configuration =>
        {
            var chain = configuration.DefaultTelemetrySink.TelemetryProcessorChainBuilder;
            chain.UseAdaptiveSampling(MaxItemsPerSecond, excludedTypes: NeverSampled);
            chain.Build();
        });
        builder.Services.AddSingleton<ITelemetryInitializer, UrlRedactingTelemetryInitializer>();

        // The package adds a rule that sends only warnings and above; job and batch lines are Information.
        builder.Services.Configure<LoggerFilterOptions>(options =>
        {
            var rule = options.Rules.FirstOrDefault(r => r.ProviderName == ApplicationInsightsProvider);
            if (rule is not null)
            {
                options.Rules.Remove(rule);
            }
        });
        return builder;
    }
}
