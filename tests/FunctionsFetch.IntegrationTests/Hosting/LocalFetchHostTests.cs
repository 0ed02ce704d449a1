using System.Globalization;
using System.Text.Json;
using FunctionsFetch.Local;
using FunctionsFetch.Local.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FunctionsFetch.IntegrationTests.Hosting;

public sealed class LocalFetchHostTests
{
    [Theory]
    [InlineData("extensions:durableTask:hubName", "no", "hubName")]
    [InlineData("extensions:durableTask:maxConcurrentActivityFunctions", "0", "maxConcurrentActivityFunctions")]
    [InlineData("extensions:durableTask:extendedSessionsEnabled", "true", "extendedSessionsEnabled")]
    [InlineData("extensions:durableTask:storageProvider:partitionCount", "17", "partitionCount")]
    public void Build_BadEngineSetting_FailsNamingTheKey(string key, string value, string expectedKey)
    {
        // Act
        var exception = Assert.Throws<OptionsValidationException>(() => LocalFetchHost.Build([$"--{key}={value}", "--Local:InMemory=true"]));

        // Assert
        Assert.Contains(expectedKey, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_BadFetchSetting_FailsAtStartNamingTheKey()
    {
        // Arrange
        await using var app = LocalFetchHost.Build(["--Fetch:Defaults:Concurrency=0", "--Local:InMemory=true", "--urls=http://127.0.0.1:0"]);

        // Act
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        // Assert
        Assert.Contains("Fetch:Defaults:Concurrency", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_RootHostJson_GovernsTheEngine()
    {
        // Arrange: nothing overrides host.json here.
        await using var app = LocalFetchHost.Build(["--Local:InMemory=true"]);

        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")));
        var durable = hostJson.RootElement.GetProperty("extensions").GetProperty("durableTask");
        var storage = durable.GetProperty("storageProvider");

        // Act
        var engine = app.Services.GetRequiredService<IOptions<DurableEngineOptions>>().Value;

        // Assert: the values of the repository's host.json, the file the Functions app ships.
        Assert.Equal(durable.GetProperty("hubName").GetString(), engine.HubName);
        Assert.Equal(durable.GetProperty("maxConcurrentActivityFunctions").GetInt32(), engine.MaxConcurrentActivityFunctions);
        Assert.Equal(durable.GetProperty("maxConcurrentOrchestratorFunctions").GetInt32(), engine.MaxConcurrentOrchestratorFunctions);
        Assert.Equal(storage.GetProperty("partitionCount").GetInt32(), engine.StorageProvider.PartitionCount);
        Assert.Equal(TimeSpan.Parse(storage.GetProperty("maxQueuePollingInterval").GetString()!, CultureInfo.InvariantCulture), engine.StorageProvider.MaxQueuePollingInterval);
        Assert.Equal(TimeSpan.Parse(storage.GetProperty("workItemQueueVisibilityTimeout").GetString()!, CultureInfo.InvariantCulture), engine.StorageProvider.WorkItemQueueVisibilityTimeout);
    }
}
