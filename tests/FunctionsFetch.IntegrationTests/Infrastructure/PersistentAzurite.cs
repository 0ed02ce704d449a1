using FunctionsFetch.Local;
using FunctionsFetch.Local.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunctionsFetch.IntegrationTests.Infrastructure;

/// <summary>
/// An Azurite of one test's own: its own free ports and its data in its own folder on disk (<c>--location</c>),
/// so it can be stopped and started again with the same queues, tables and blobs, as a storage outage.
/// The folder is deleted when disposed.
/// </summary>
public sealed class PersistentAzurite : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly string _root;
    private readonly int[] _ports;
    private AzuriteInstance? _azurite;

    private PersistentAzurite(string root, int[] ports, string dataPath, AzuriteInstance azurite)
    {
        _root = root;
        _ports = ports;
        DataPath = dataPath;
        _azurite = azurite;
        ConnectionString = azurite.ConnectionString;
    }

    public string DataPath { get; }

    /// <summary>The same while stopped and after a restart: the ports do not change.</summary>
    public string ConnectionString { get; }

    public static async Task<PersistentAzurite> StartAsync()
    {
        var root = ToolsRoot.Find() ?? throw new InvalidOperationException("The repository's package.json was not found above the test output.");
        await ToolsRoot.EnsureInstalledAsync(root, NullLogger.Instance, CancellationToken.None);
        var ports = new[] { FreePorts.Next(), FreePorts.Next(), FreePorts.Next() };
        var dataPath = Directory.CreateTempSubdirectory("azurite-outage-").FullName;
        var azurite = await AzuriteInstance.StartAsync(root, ports, dataPath, CancellationToken.None);
        return new PersistentAzurite(root, ports, dataPath, azurite);
    }

    /// <summary>A graceful stop (SIGTERM): Azurite saves its in-memory state, so no queue message is lost.</summary>
    public async Task StopAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.StopAsync(StopTimeout);
            _azurite.Dispose();
            _azurite = null;
        }
    }

    /// <summary>Starts Azurite again on the same ports and data folder.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        _azurite = await AzuriteInstance.StartAsync(_root, _ports, DataPath, CancellationToken.None);
    }

    public ValueTask DisposeAsync()
    {
        _azurite?.Dispose();
        _azurite = null;
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned up by the system.
        }

        return ValueTask.CompletedTask;
    }
}
