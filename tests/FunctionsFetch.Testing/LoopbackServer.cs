using FunctionsFetch.Local;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Testing;

/// <summary>A real HTTP server on 127.0.0.1 and a free port, answering with the test's handler and counting hits.</summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _hits;

    private LoopbackServer(WebApplication app) => _app = app;

    public Uri BaseUri { get; private set; } = null!;

    public int Hits => Volatile.Read(ref _hits);

    /// <param name="handler">Answers every request.</param>
    /// <param name="alsoIPv6">Listen on [::1] too, on the same port.</param>
    public static async Task<LoopbackServer> StartAsync(RequestDelegate handler, bool alsoIPv6 = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (alsoIPv6)
        {
            var port = FreePorts.Next();
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}", $"http://[::1]:{port}");
        }
        else
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }

        var app = builder.Build();
        var server = new LoopbackServer(app);
        app.Run(context =>
        {
            Interlocked.Increment(ref server._hits);
            return handler(context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First(a => a.Contains("127.0.0.1", StringComparison.Ordinal));
        server.BaseUri = new Uri(address);
        return server;
    }

    public int Port => BaseUri.Port;

    public string Url(string pathAndQuery) => new Uri(BaseUri, pathAndQuery).AbsoluteUri;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
