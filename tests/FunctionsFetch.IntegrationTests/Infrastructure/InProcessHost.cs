using FunctionsFetch.Client;
using FunctionsFetch.Local;
using Microsoft.AspNetCore.Builder;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.IntegrationTests.Infrastructure;

/// <summary>The local host built by its own composition code, running inside the test process.</summary>
public sealed class InProcessHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessHost(WebApplication app, HostSettings settings)
    {
        _app = app;
        Settings = settings;
        Http = new HttpClient { BaseAddress = settings.BaseUri, Timeout = TimeSpan.FromSeconds(60) };
        Api = new FetchClient(Http);
    }

    public HostSettings Settings { get; }

    /// <summary>For what checks the wire itself: raw shapes, status codes, headers.</summary>
    public HttpClient Http { get; }

    /// <summary>For every other call, as a user's code makes it.</summary>
    public FetchClient Api { get; }

    public IServiceProvider Services => _app.Services;

    public DurableTaskClient DurableClient => _app.Services.GetRequiredService<DurableTaskClient>();

    public static async Task<InProcessHost> StartAsync(HostSettings settings, CapturedLogs? logs = null)
    {
        var app = LocalFetchHost.Build(settings.ToArgs(), builder =>
        {
            if (logs is not null)
            {
                builder.Logging.AddProvider(logs);
            }
        });
        await app.StartAsync();
        return new InProcessHost(app, settings);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }
}
