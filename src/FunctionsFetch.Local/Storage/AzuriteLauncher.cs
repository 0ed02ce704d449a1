using System.Diagnostics;
using System.Net.Sockets;
using FunctionsFetch.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Local.Storage;

/// <summary>
/// Starts Azurite on its default ports when the task hub uses development storage and nothing listens
/// there yet: installs it with <c>npm ci</c> from the repository's lockfile when missing, keeps its data in
/// <c>.azurite/</c>, and stops it when this host stops (a supervisor script ends it even after SIGKILL).
/// </summary>
public sealed partial class AzuriteLauncher(ILogger<AzuriteLauncher> logger) : IHostedService, IDisposable
{
    public static readonly int[] Ports = [10000, 10001, 10002];

    private AzuriteInstance? _azurite;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await IsListeningAsync(Ports[0], cancellationToken))
        {
            LogAlreadyRunning(Ports[0]);
            return;
        }

        var root = ToolsRoot.Find()
            ?? throw new InvalidOperationException(
                $"Nothing listens on 127.0.0.1:{Ports[0]} and Azurite cannot be started: no package.json naming azurite was found above " +
                $"'{AppContext.BaseDirectory}' or '{Environment.CurrentDirectory}'. Start Azurite yourself, set {StorageConnection.SettingName}, or run with --in-memory.");
        await ToolsRoot.EnsureInstalledAsync(root, logger, cancellationToken);

        var data = Path.Combine(root, ".azurite");
        Directory.CreateDirectory(data);
        var clock = Stopwatch.StartNew();
        _azurite = await AzuriteInstance.StartAsync(root, Ports, data, cancellationToken);
        LogStarted(_azurite.ProcessId, data, clock.ElapsedMilliseconds);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (_azurite is not null)
        {
            _azurite.Dispose();
            _azurite = null;
            LogStopped();
        }

        return Task.CompletedTask;
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Azurite already listens on port {Port}; using it")]
    private partial void LogAlreadyRunning(int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started Azurite (process {ProcessId}, data in {DataPath}) in {ElapsedMs} ms")]
    private partial void LogStarted(int processId, string dataPath, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Azurite stopped")]
    private partial void LogStopped();
}
