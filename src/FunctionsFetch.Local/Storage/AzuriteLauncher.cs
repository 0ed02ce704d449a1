using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using FunctionsFetch.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Local.Storage;

/// <summary>
/// Starts Azurite when the task hub's storage is Azurite on this machine and nothing listens there yet: installs
/// it with <c>npm ci</c> from the repository's lockfile when missing and keeps its data in <c>.azurite/</c>
/// (<c>Local:AzuriteDataPath</c>). Azurite runs as a process of its own, so a crash of the host does not take
/// storage down with it: the next start finds it (by the process id kept in its data folder), reuses it and
/// takes it over. A host that stops gracefully stops the Azurite it started or took over (SIGTERM, on which
/// Azurite saves its data); <c>storage stop</c> stops it from the command line.
/// </summary>
public sealed partial class AzuriteLauncher(AzuriteLaunch launch, ILogger<AzuriteLauncher> logger) : IHostedService, IDisposable
{
    /// <summary>How long a graceful stop waits for Azurite to save and exit before it is killed.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(20);

    private AzuriteInstance? _azurite;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var root = ToolsRoot.Find();
        var data = launch.DataPath ?? (root is null ? null : Path.Combine(root, ".azurite"));
        if (await IsListeningAsync(launch.Ports[0], cancellationToken))
        {
            if (data is not null && TakeOver(data) is { } running)
            {
                _azurite = running;
                LogReused(running.ProcessId, data);
            }
            else
            {
                LogAlreadyRunning(launch.Ports[0]);
            }

            return;
        }

        if (root is null || data is null)
        {
            throw new InvalidOperationException(
                $"Nothing listens on 127.0.0.1:{launch.Ports[0]} and Azurite cannot be started: no package.json naming azurite was found above " +
                $"'{AppContext.BaseDirectory}' or '{Environment.CurrentDirectory}'. Start Azurite yourself, set {StorageConnection.SettingName}, or run with --in-memory.");
        }

        await ToolsRoot.EnsureInstalledAsync(root, logger, cancellationToken);
        Directory.CreateDirectory(data);
        var clock = Stopwatch.StartNew();
        _azurite = await AzuriteInstance.StartDetachedAsync(root, launch.Ports, data, cancellationToken);
        File.WriteAllText(OwnerFile(data), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        LogStarted(_azurite.ProcessId, data, clock.ElapsedMilliseconds);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_azurite is null)
        {
            return;
        }

        await _azurite.StopAsync(StopTimeout);
        _azurite.Dispose();
        _azurite = null;
        LogStopped();
    }

    public void Dispose() => _azurite?.Dispose();

    public static async Task<bool> IsListeningAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(1));
            await client.ConnectAsync("127.0.0.1", port, timeout.Token);
            return true;
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>The host that stops the detached Azurite of a data folder on its graceful exit.</summary>
    public static string OwnerFile(string dataPath) => Path.Combine(dataPath, "azurite.owner");

    /// <summary>
    /// The Azurite an earlier host started with this data folder, when that host is gone (it crashed): this host
    /// takes it over. One that a running host owns (two hosts on one machine) stays that host's to stop.
    /// </summary>
    private static AzuriteInstance? TakeOver(string data)
    {
        if (AzuriteInstance.FindDetached(data, []) is not { } found)
        {
            return null;
        }

        var owner = File.Exists(OwnerFile(data)) && int.TryParse(File.ReadAllText(OwnerFile(data)), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0;
        if (owner != 0 && owner != Environment.ProcessId && IsRunning(owner))
        {
            found.Dispose();
            return null;
        }

        File.WriteAllText(OwnerFile(data), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        return found;
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Azurite already listens on port {Port}; using it")]
    private partial void LogAlreadyRunning(int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reusing Azurite (process {ProcessId}, data in {DataPath}) that an earlier host started")]
    private partial void LogReused(int processId, string dataPath);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started Azurite (process {ProcessId}, data in {DataPath}) in {ElapsedMs} ms; it outlives a crash of this host")]
    private partial void LogStarted(int processId, string dataPath, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Azurite stopped (its data saved)")]
    private partial void LogStopped();
}
