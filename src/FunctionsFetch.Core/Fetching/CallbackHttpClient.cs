using System.Net;
using FunctionsFetch.Fetching.Guard;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsFetch.Fetching;

/// <summary>
/// Registers the named client completion callbacks are posted through: the fetches' connect-time outbound guard,
/// no proxy, no cookies or credentials, and no redirects followed (a callback answered 3xx is not delivered). One POST
/// per call, with no retry pipeline: the delivery orchestration retries with durable timers.
/// </summary>
public static class CallbackHttpClient
{
    public const string Name = "FunctionsFetch.Callback";

    public static IHttpClientBuilder AddCallbackHttpClient(this IServiceCollection services)
    {
        var builder = services.AddHttpClient(Name, client =>
            {
                // Each POST has its own timeout (Fetch:CallbackTimeoutSeconds), set by the delivery.
                client.Timeout = Timeout.InfiniteTimeSpan;
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

        // The callback URL may hold a token in its query: the factory's own logging shows no header values either.
        builder.RedactLoggedHeaders(_ => true);
        return builder;
    }
}
