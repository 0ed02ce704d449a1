using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using FunctionsFetch.Client;
using FunctionsFetch.Local;

namespace FunctionsFetch.IntegrationTests.Infrastructure;

/// <summary>
/// The local host as its own process (<c>dotnet FunctionsFetch.Local.dll</c>), for what only a process
/// can show: being killed, restarted, and sharing a task hub with another process.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private HostProcess(Process process, HostSettings settings)
    {
        _process = process;
        Settings = settings;
        Http = new HttpClient { BaseAddress = settings.BaseUri, Timeout = TimeSpan.FromSeconds(60) };
        Api = new FetchClient(Http);
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public HostSettings Settings { get; }

    /// <summary>For what checks the wire itself: raw shapes, status codes, headers.</summary>
    public HttpClient Http { get; }

    /// <summary>For every other call, as a user's code makes it.</summary>
    public FetchClient Api { get; }

    public IReadOnlyCollection<string> Output => _output;

    public bool HasExited => _process.HasExited;

    public static async Task<HostProcess> StartAsync(HostSettings settings)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "FunctionsFetch.Local.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in settings.ToEnvironment())
        {
            start.Environment[key] = value;
        }

        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        var host = new HostProcess(Process.Start(start)!, settings);
        await host.WaitUntilServingAsync(TimeSpan.FromSeconds(60));
        return host;
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as Ctrl+C, a container stop or a scale-in sends it: the host runs its shutdown; killed if it has not exited after 60 s.</summary>
    public Task StopAsync() => ProcessSignals.TerminateAsync(_process, TimeSpan.FromSeconds(60));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private async Task WaitUntilServingAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with {_process.ExitCode}:\n{string.Join('\n', _output)}");
            }

            if (await IsServingAsync())
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The host did not serve within {timeout}:\n{string.Join('\n', _output)}");
    }

    /// <summary>Serving once an unknown job is a 404 (the API's own answer), not a refused connection.</summary>
    private async Task<bool> IsServingAsync()
    {
        try
        {
            using var response = await Http.GetAsync(new Uri("/api/fetch/ready-probe", UriKind.Relative));
            return response.StatusCode == HttpStatusCode.NotFound;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
