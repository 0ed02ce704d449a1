using System.Diagnostics;
using System.Globalization;
using FunctionsFetch.Local;
using FunctionsFetch.Testing;

namespace FunctionsFetch.Bench;

/// <summary>
/// The local host as its own process (<c>dotnet FunctionsFetch.Local.dll</c>), so its memory is its own
/// and it can be killed as a crash would kill it. Samples its working set for the peak.
/// </summary>
public sealed class HostUnderTest : IAsyncDisposable
{
    private readonly Process _process;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private long _peakWorkingSet;

    private HostUnderTest(Process process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
        _process.OutputDataReceived += (_, e) =>
        {
            if (EchoLogs && e.Data is not null)
            {
                Console.WriteLine($"  host: {DateTime.UtcNow:HH:mm:ss.fff} {e.Data}");
            }
        };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine($"  host: {e.Data}"); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _sampler = SampleAsync(_stop.Token);
    }

    /// <summary>BENCH_HOST_ENV_X=V in the benchmark's environment sets X=V in the host's (a runtime knob such as DOTNET_gcServer=0).</summary>
    public const string HostEnvironmentPrefix = "BENCH_HOST_ENV_";

    /// <summary>BENCH_HOST_LOGS=1 echoes the host's log lines, time-stamped, to see where a run's time goes.</summary>
    public static bool EchoLogs { get; } = Environment.GetEnvironmentVariable("BENCH_HOST_LOGS") == "1";

    /// <summary>The host's log level: Information when its lines are echoed (one per batch), else Warning, which costs nothing measurable.</summary>
    public static string LogLevel => EchoLogs ? "Information" : "Warning";

    public Uri BaseUri { get; }

    public long PeakWorkingSet => Interlocked.Read(ref _peakWorkingSet);

    /// <summary>The host process's user + system CPU time so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Starts a host with <paramref name="settings"/> as configuration and waits until it serves.</summary>
    public static async Task<HostUnderTest> StartAsync(IReadOnlyDictionary<string, string> settings, int? port = null)
    {
        var listenPort = port ?? FreePorts.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(n => n.StartsWith(HostEnvironmentPrefix, StringComparison.Ordinal)))
        {
            start.Environment[name[HostEnvironmentPrefix.Length..]] = Environment.GetEnvironmentVariable(name);
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "FunctionsFetch.Local.dll"));
        start.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"--urls=http://127.0.0.1:{listenPort}"));
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        var host = new HostUnderTest(Process.Start(start)!, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{listenPort}")));
        await host.WaitUntilServingAsync();
        return host;
    }

    /// <summary>One scrape of the host's <c>/metrics</c>.</summary>
    public async Task<PrometheusScrape> MetricsAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(10) };
        return await PrometheusScrape.ReadAsync(http);
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as Ctrl+C or a scale-in sends it: the host runs its shutdown (killed after 60 s).</summary>
    public Task StopAsync() => ProcessSignals.TerminateAsync(_process, TimeSpan.FromSeconds(60));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampler;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _stop.Dispose();
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && !_process.HasExited)
        {
            try
            {
                _process.Refresh();
                Interlocked.Exchange(ref _peakWorkingSet, Math.Max(Interlocked.Read(ref _peakWorkingSet), _process.WorkingSet64));
                await Task.Delay(100, cancellationToken);
            }
            catch (Exception exception) when (exception is OperationCanceledException or InvalidOperationException)
            {
                return;
            }
        }
    }

    private async Task WaitUntilServingAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {_process.ExitCode}.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseUri, "/api/fetch/ready-check"));
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200);
            }
            catch (TaskCanceledException)
            {
                await Task.Delay(200);
            }
        }

        throw new TimeoutException("The host did not start serving within 90 s.");
    }
}
