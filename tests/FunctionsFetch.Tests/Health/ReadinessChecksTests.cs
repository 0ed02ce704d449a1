using FunctionsFetch.Local.Health;
using FunctionsFetch.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Moq;

namespace FunctionsFetch.Tests.Health;

public sealed class ReadinessChecksTests
{
    [Fact]
    public async Task StorageCheck_ContainerAnswers_IsHealthy()
    {
        // Arrange
        var check = new StorageHealthCheck(new InMemoryBlobContainer());

        // Act
        var result = await check.CheckHealthAsync(new HealthCheckContext());

        // Assert
        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    [Fact]
    public async Task StorageCheck_ContainerThrows_IsUnhealthyKeepingTheCauseOutOfTheDescription()
    {
        // Arrange
        var blobs = new Mock<IBlobContainer>();
        blobs.Setup(b => b.ExistsAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(new HttpRequestException("Connection refused (10.0.0.7:10000)"));
        var check = new StorageHealthCheck(blobs.Object);

        // Act
        var result = await check.CheckHealthAsync(new HealthCheckContext());

        // Assert
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.DoesNotContain("10.0.0.7", result.Description, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(result.Exception);
    }

    [Fact]
    public async Task EngineCheck_ClientAnswersNoSuchInstance_IsHealthy()
    {
        // Arrange
        var client = new Mock<DurableTaskClient>("test");
        client.Setup(c => c.GetInstanceAsync(It.IsAny<string>(), false, It.IsAny<CancellationToken>())).ReturnsAsync((OrchestrationMetadata?)null);
        var check = new EngineHealthCheck(client.Object);

        // Act
        var result = await check.CheckHealthAsync(new HealthCheckContext());

        // Assert
        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    [Fact]
    public async Task EngineCheck_ClientThrows_IsUnhealthy()
    {
        // Arrange
        var client = new Mock<DurableTaskClient>("test");
        client.Setup(c => c.GetInstanceAsync(It.IsAny<string>(), false, It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("no engine"));
        var check = new EngineHealthCheck(client.Object);

        // Act
        var result = await check.CheckHealthAsync(new HealthCheckContext());

        // Assert
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }
}
