using System.Net;
using FunctionsFetch.Fetching.Guard;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsFetch.Fetching;

/// <summary>
/// What every outbound client shares (fetches and completion callbacks): each connection checked by the <see cref="OutboundGuard"/>
/// where it connects, no proxy (the guard would check the proxy), no cookies or credentials, no redirects followed by the handler,
/// no client-wide timeout (each caller sets its own), our User-Agent, and no header values in the client factory's logs.
/// </summary>
public static class GuardedHttpClient
{
    public static IHttpClientBuilder AddGuardedHttpClient(this IServiceCollection services, string name)
    {
        var builder = services.AddHttpClient(name, client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan;

                // A default header goes only on a request without one, so a job's own User-Agent replaces it.
                client.DefaultRequestHeaders.UserAgent.ParseAdd(FetchUserAgent.Value);
            })
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                Credentials = null,
                AutomaticDecompression = DecompressionMethods.None,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                UseProxy = false,
                ConnectCallback = provider.GetRequiredService<OutboundGuard>().ConnectAsync,
            });

        // The client factory logs request headers at Trace; a job's may hold tokens, so values are redacted here, not by default alone.
        builder.RedactLoggedHeaders(_ => true);
        return builder;
    }
}
