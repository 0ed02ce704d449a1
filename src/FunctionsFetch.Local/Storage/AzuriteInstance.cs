using System.Diagnostics;
using System.Globalization;

namespace FunctionsFetch.Local.Storage;

/// <summary>
/// One running Azurite (blob, queue, table) on loopback. <see cref="StartAsync"/> starts it through the supervisor
/// script, so it ends with the process that started it (the integration tests and the benchmark);
/// <see cref="StartDetachedAsync"/> starts it as a process of its own that outlives its starter (the host's launcher).
/// </summary>
public sealed class AzuriteInstance : IDisposable
{
    // Azurite's well-known development account key, public by design.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;
    private readonly bool _detached;

    private AzuriteInstance(Process process, int[] ports, bool detached = false)
    {
        _process = process;
        Ports = ports;
        _detached = detached;
    }

    public IReadOnlyList<int> Ports { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>A connection string naming this instance's endpoints.</summary>
    public string ConnectionString => ConnectionStringFor(Ports);

    /// <summary>A connection string for an Azurite on these blob, queue and table ports of loopback.</summary>
    public static string ConnectionStringFor(IReadOnlyList<int> ports)
    {
        ArgumentNullException.ThrowIfNull(ports);
        return $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{ports[0]}/devstoreaccount1;" +
            $"QueueEndpoint=http://127.0.0.1:{ports[1]}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{ports[2]}/devstoreaccount1;";
    }

    /// <param name="root">The folder with package.json and node_modules.</param>
    /// <param name="ports">Blob, queue and table ports.</param>
    /// <param name="dataPath">Where to keep data, or null to keep it in memory.</param>
    /// <param name="cancellationToken">Cancels the wait for the ports.</param>
    public static async Task<AzuriteInstance> StartAsync(string root, int[] ports, string? dataPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ports);
        var process = NodeProcess.Start(root, Path.Combine(root, "scripts", "azurite-supervised.js"), Arguments(ports, dataPath));
        return await ListeningAsync(new AzuriteInstance(process, ports), cancellationToken);
    }

    /// <summary>
    /// Starts Azurite as a process of its own (<c>scripts/azurite-detached.js</c>): a crash of the caller leaves it
    /// running, its process id in <see cref="PidFile"/> of <paramref name="dataPath"/> and its output in <c>azurite.log</c> there.
    /// </summary>
    public static async Task<AzuriteInstance> StartDetachedAsync(string root, int[] ports, string dataPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ports);
        var pidFile = PidFile(dataPath);
        File.Delete(pidFile);
        using (var starter = NodeProcess.Start(root, Path.Combine(root, "scripts", "azurite-detached.js"), [pidFile, Path.Combine(dataPath, "azurite.log"), .. Arguments(ports, dataPath)]))
        {
            await starter.WaitForExitAsync(cancellationToken);
            if (starter.ExitCode != 0 || !File.Exists(pidFile))
            {
                throw new InvalidOperationException($"Azurite's starter exited with code {starter.ExitCode}; see its output above.");
            }
        }

        return await ListeningAsync(new AzuriteInstance(Process.GetProcessById(int.Parse(File.ReadAllText(pidFile), CultureInfo.InvariantCulture)), ports, detached: true), cancellationToken);
    }

    /// <summary>The Azurite that <see cref="StartDetachedAsync"/> started with this data folder, when it still runs.</summary>
    public static AzuriteInstance? FindDetached(string dataPath, int[] ports)
    {
        if (!int.TryParse(File.Exists(PidFile(dataPath)) ? File.ReadAllText(PidFile(dataPath)) : null, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return null;
        }

        try
        {
            var process = Process.GetProcessById(pid);
            return process.HasExited ? null : new AzuriteInstance(process, ports, detached: true);
        }
        catch (ArgumentException)
        {
            // No such process any more.
            return null;
        }
    }

    /// <summary>Where a detached Azurite's process id is kept.</summary>
    public static string PidFile(string dataPath) => Path.Combine(dataPath, "azurite.pid");

    /// <summary>
    /// Asks Azurite to stop (SIGTERM, on which it closes its servers and saves its data to disk) and waits for it
    /// to exit; kills it when it has not exited within <paramref name="timeout"/>, or at once on Windows.
    /// </summary>
    public Task StopAsync(TimeSpan timeout) => ProcessSignals.TerminateAsync(_process, timeout);

    /// <summary>Kills a supervised Azurite; a detached one keeps running (stop it with <see cref="StopAsync"/>).</summary>
    public void Dispose()
    {
        if (!_detached && !_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static string[] Arguments(int[] ports, string? dataPath)
    {
        string[] storage = dataPath is null ? ["--inMemoryPersistence"] : ["--location", dataPath];
        return
        [
            "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--loose", .. storage,
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", Text(ports[0]), "--queuePort", Text(ports[1]), "--tablePort", Text(ports[2]),
        ];
    }

    private static async Task<AzuriteInstance> ListeningAsync(AzuriteInstance instance, CancellationToken cancellationToken)
    {
        try
        {
            await instance.WaitUntilListeningAsync(TimeSpan.FromSeconds(60), cancellationToken);
            return instance;
        }
        catch
        {
            if (instance._detached && !instance._process.HasExited)
            {
                instance._process.Kill();
            }

            instance.Dispose();
            throw;
        }
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
                    throw new InvalidOperationException(_detached
                        ? $"Azurite exited before listening on {port}; see azurite.log in its data folder."
                        : $"Azurite exited with code {_process.ExitCode} before listening on {port}; see its output above.");
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
