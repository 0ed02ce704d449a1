using FunctionsFetch.Functions.Telemetry;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.ApplicationInsights.WindowsServer.TelemetryChannel;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsFetch.Tests.Telemetry;

public sealed class FetchTelemetryExtensionsTests
{
    [Fact]
    public void AddFetchTelemetry_NoConnectionString_BuildsWithSamplingThatKeepsFailures()
    {
        // Arrange
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"] = null;

        // Act
        builder.AddFetchTelemetry();
        using var host = builder.Build();
        var configuration = host.Services.GetRequiredService<TelemetryConfiguration>();

        // Assert
        var sampling = Assert.Single(configuration.DefaultTelemetrySink.TelemetryProcessors.OfType<AdaptiveSamplingTelemetryProcessor>());
        Assert.Equal(FetchTelemetryExtensions.NeverSampled, sampling.ExcludedTypes);
        Assert.Contains(host.Services.GetServices<ITelemetryInitializer>(), i => i is UrlRedactingTelemetryInitializer);
    }
}
