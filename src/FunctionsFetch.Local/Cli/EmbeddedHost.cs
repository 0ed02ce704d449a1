using Microsoft.Extensions.Logging.Console;

namespace FunctionsFetch.Local.Cli;

/// <summary>
/// The local host started inside the CLI's process for <c>fetch --embedded</c>, on a free loopback port,
/// so the CLI talks to it over the same HTTP API as to a server.
/// </summary>
internal sealed class EmbeddedHost : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly WebApplication _app;

    private EmbeddedHost(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    /// <param name="storage">A storage connection string, or null for the in-memory engine.</param>
    /// <param name="configArgs">More configuration, as <c>--Key=value</c>.</param>
    /// <param name="cancellationToken">Aborts the start.</param>
    public static async Task<EmbeddedHost> StartAsync(string? storage, IReadOnlyList<string> configArgs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configArgs);
        var endpoint = new Uri($"http://127.0.0.1:{FreePorts.Next()}");
        string[] args =
        [
            $"--urls={endpoint.GetLeftPart(UriPartial.Authority)}",
            storage is null ? "--Local:InMemory=true" : $"--AzureWebJobsStorage={storage}",
            .. configArgs,
        ];
        var app = LocalFetchHost.Build(args, builder =>
        {
            // Only errors, and on standard error: standard output may carry the results, the terminal the progress bar.
            builder.Logging.ClearProviders();
            builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.Logging.AddFilter<ConsoleLoggerProvider>(level => level >= LogLevel.Error);
        });
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new EmbeddedHost(app, endpoint);
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(StopTimeout);
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }
}
