using DurableTask.AzureStorage;
using DurableTask.Core;
using FunctionsFetch.Local.Engine;
using Moq;

namespace FunctionsFetch.Tests.Engine;

public sealed class ProviderActivitySessionsTests
{
    [Fact]
    public void IsKnown_PinnedProviderVersion_HasTheSessionMap()
    {
        // Arrange, Act
        var known = ProviderActivitySessions.IsKnown;

        // Assert: fails when a provider upgrade renames the map, so the outage recovery is rechecked.
        Assert.True(known);
    }

    [Fact]
    public void TryForget_NoSuchSession_ReturnsFalse()
    {
        // Arrange: the provider is only built here; nothing connects to storage.
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = "UnitTests",
            StorageAccountClientProvider = new StorageAccountClientProvider("UseDevelopmentStorage=true"),
        });

        // Act
        var forgotten = ProviderActivitySessions.TryForget(service, "no-such-work-item");

        // Assert
        Assert.False(forgotten);
    }

    [Fact]
    public void TryForget_AnotherProvider_ReturnsFalse()
    {
        // Arrange
        var service = new Mock<IOrchestrationService>().Object;

        // Act
        var forgotten = ProviderActivitySessions.TryForget(service, "work-item");

        // Assert
        Assert.False(forgotten);
    }
}
