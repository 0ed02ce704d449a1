using FunctionsFetch.Configuration;
using FunctionsFetch.Functions.Telemetry;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.Extensions.Options;

namespace FunctionsFetch.Tests.Telemetry;

public sealed class UrlRedactingTelemetryInitializerTests
{
    [Fact]
    public void Initialize_HttpDependencyWithQuery_RedactsTheQuery()
    {
        // Arrange
        var initializer = new UrlRedactingTelemetryInitializer(Options.Create(new FetchOptions()));
        var dependency = new DependencyTelemetry { Type = "Http", Data = "https://example.com/file?sig=secret" };

        // Act
        initializer.Initialize(dependency);

        // Assert
        Assert.Equal("https://example.com/file?*", dependency.Data);
    }

    [Fact]
    public void Initialize_LogUrlQueriesOn_LeavesTheUrlWhole()
    {
        // Arrange
        var initializer = new UrlRedactingTelemetryInitializer(Options.Create(new FetchOptions { LogUrlQueries = true }));
        var dependency = new DependencyTelemetry { Type = "Http", Data = "https://example.com/file?sig=secret" };

        // Act
        initializer.Initialize(dependency);

        // Assert
        Assert.Equal("https://example.com/file?sig=secret", dependency.Data);
    }

    [Fact]
    public void Initialize_NonUrlData_LeavesItAlone()
    {
        // Arrange
        var initializer = new UrlRedactingTelemetryInitializer(Options.Create(new FetchOptions()));
        var dependency = new DependencyTelemetry { Type = "SQL", Data = "SELECT 1 WHERE x = '?'" };

        // Act
        initializer.Initialize(dependency);

        // Assert
        Assert.Equal("SELECT 1 WHERE x = '?'", dependency.Data);
    }
}
