using FunctionsFetch.Functions.Telemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace FunctionsFetch.Tests.Telemetry;

public sealed class FetchMetricsExportExtensionsTests
{
    [Fact]
    public void AddFetchMetricsExport_NoConnectionString_AddsNoMeterProvider()
    {
        // Arrange
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration[FetchMetricsExportExtensions.ConnectionStringKey] = null;

        // Act
        builder.AddFetchMetricsExport();
        using var host = builder.Build();

        // Assert
        Assert.Null(host.Services.GetService<MeterProvider>());
    }

    [Fact]
    public void AddFetchMetricsExport_ConnectionString_AddsAMeterProvider()
    {
        // Arrange
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration[FetchMetricsExportExtensions.ConnectionStringKey] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:9/";
        builder.Configuration[FetchMetricsExportExtensions.AuthenticationStringKey] = "Authorization=AAD";

        // Act
        builder.AddFetchMetricsExport();
        using var host = builder.Build();

        // Assert
        Assert.NotNull(host.Services.GetService<MeterProvider>());
    }
}
