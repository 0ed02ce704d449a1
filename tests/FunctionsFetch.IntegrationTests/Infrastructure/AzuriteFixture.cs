using FunctionsFetch.Local;
using FunctionsFetch.Local.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunctionsFetch.IntegrationTests.Infrastructure;

/// <summary>
/// One Azurite for the whole run, on free loopback ports and in memory, so tests never touch a developer's
/// emulator data. Each test uses its own task hub on it. Stopped when the run ends (and by its supervisor
/// script if the test process dies).
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteInstance? _azurite;

    public string ConnectionString => _azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite has not started.");

    public async Task InitializeAsync()
    {
        var root = ToolsRoot.Find() ?? throw new InvalidOperationException("The repository's package.json was not found above the test output.");
        await ToolsRoot.EnsureInstalledAsync(root, NullLogger.Instance, CancellationToken.None);
        _azurite = await AzuriteInstance.StartAsync(root, [FreePorts.Next(), FreePorts.Next(), FreePorts.Next()], dataPath: null, CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        _azurite?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A fresh task hub name: letters and digits, starting with a letter.</summary>
    public static string NewHubName() => "T" + Guid.NewGuid().ToString("N")[..15];
}
