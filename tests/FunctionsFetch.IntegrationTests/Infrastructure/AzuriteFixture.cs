using System.Diagnostics;
using System.Globalization;
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
    // Azurite's well-known development account key, public by design.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private Process? _azurite;

    public string ConnectionString { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var root = ToolsRoot.Find() ?? throw new InvalidOperationException("The repository's package.json was not found above the test output.");
        await ToolsRoot.EnsureInstalledAsync(root, NullLogger.Instance, CancellationToken.None);

        int[] ports = [FreePorts.Next(), FreePorts.Next(), FreePorts.Next()];
        _azurite = NodeProcess.Start(root, Path.Combine(root, "scripts", "azurite-supervised.js"),
            "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--loose", "--inMemoryPersistence",
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", Text(ports[0]), "--queuePort", Text(ports[1]), "--tablePort", Text(ports[2]));

        var deadline = Stopwatch.StartNew();
        foreach (var port in ports)
        {
            while (!await AzuriteLauncher.IsListeningAsync(port, CancellationToken.None))
            {
                if (_azurite.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(60))
                {
                    throw new InvalidOperationException($"Azurite did not start on port {port}.");
                }

                await Task.Delay(100);
            }
        }

        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{ports[0]}/devstoreaccount1;" +
            $"QueueEndpoint=http://127.0.0.1:{ports[1]}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{ports[2]}/devstoreaccount1;";
    }

    public Task DisposeAsync()
    {
        if (_azurite is { HasExited: false })
        {
            _azurite.Kill(entireProcessTree: true);
        }

        _azurite?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A fresh task hub name: letters and digits, starting with a letter.</summary>
    public static string NewHubName() => "T" + Guid.NewGuid().ToString("N")[..15];

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
