using System.Diagnostics;
using System.Globalization;

namespace FunctionsFetch.Local.Storage;

/// <summary>
/// One running Azurite (blob, queue, table) on loopback, started through the supervisor script so it ends
/// with the process that started it. Used by the host's launcher, the integration tests and the benchmark.
/// </summary>
public sealed class AzuriteInstance : IDisposable
{
    // Azurite's well-known development account key, public by design.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;

    private AzuriteInstance(Process process, int[] ports)
    {
        _process = process;
        Ports = ports;
    }

    public IReadOnlyList<int> Ports { get; }

    public int ProcessId => _process.Id;

    /// <summary>A connection string naming this instance's endpoints.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{Ports[0]}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{Ports[1]}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{Ports[2]}/devstoreaccount1;";

    /// <param name="root">The folder with package.json and node_modules.</param>
    /// <param name="ports">Blob, queue and table ports.</param>
    /// <param name="dataPath">Where to keep data, or null to keep it in memory.</param>
    /// <param name="cancellationToken">Cancels the wait for the ports.</param>
    public static async Task<AzuriteInstance> StartAsync(string root, int[] ports, string? dataPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ports);
        string[] storage = dataPath is null ? ["--inMemoryPersistence"] : ["--location", dataPath];
        var process = NodeProcess.Start(root, Path.Combine(root, "scripts", "azurite-supervised.js"),
        [
            "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--loose", .. storage,
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", Text(ports[0]), "--queuePort", Text(ports[1]), "--tablePort", Text(ports[2]),
        ]);
        var instance = new AzuriteInstance(process, ports);
        try
        {
            await instance.WaitUntilListeningAsync(TimeSpan.FromSeconds(60), cancellationToken);
            return instance;
        }
        catch
        {
            instance.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Asks Azurite to stop (SIGTERM, on which it closes its servers and saves its data to disk) and waits for it
    /// to exit; kills it when it has not exited within <paramref name="timeout"/>, or at once on Windows.
    /// </summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }

        if (!OperatingSystem.IsWindows())
        {
            using var signal = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", Text(_process.Id) }, UseShellExecute = false });
            if (signal is not null)
            {
                await signal.WaitForExitAsync();
            }

            using var wait = new CancellationTokenSource(timeout);
            try
            {
                await _process.WaitForExitAsync(wait.Token);
                return;
            }
            catch (OperationCanceledException)
            {
                // Still running: killed below.
            }
        }

        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private async Task WaitUntilListeningAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        foreach (var port in Ports)
        {
            while (!await AzuriteLauncher.IsListeningAsync(port, cancellationToken))
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode} before listening on {port}; see its output above.");
                }

                if (clock.Elapsed > timeout)
                {
                    throw new TimeoutException($"Azurite did not listen on 127.0.0.1:{port} within {timeout.TotalSeconds} s.");
                }

                await Task.Delay(100, cancellationToken);
            }
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
