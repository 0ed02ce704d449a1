using FunctionsFetch.Local.Engine;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace FunctionsFetch.Local.Endpoints;

/// <summary>What the routes read off a request: the base URL handed-back URLs point at, and query values.</summary>
internal static class HttpRequestUrls
{
    /// <summary>
    /// Where the URLs handed back point: <c>Local:PublicBaseUrl</c> when set; else the address this host
    /// listens on for the request's port; the request's own <c>Host</c> only when that address is a wildcard.
    /// </summary>
    public static Uri BaseUrl(this HttpRequest request)
    {
        var services = request.HttpContext.RequestServices;
        if (services.GetRequiredService<IOptions<LocalEngineOptions>>().Value.PublicBaseUrl is { } configured)
        {
            return new Uri(configured.TrimEnd('/'));
        }

        var port = request.HttpContext.Connection.LocalPort;
        var listening = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in listening)
        {
            if (Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Port == port && !IsWildcard(uri.Host))
            {
                return new Uri(uri.GetLeftPart(UriPartial.Authority));
            }
        }

        return new Uri($"{request.Scheme}://{request.Host}");
    }

    private static bool IsWildcard(string host) => host is "0.0.0.0" or "[::]" or "::" or "*" or "+";
}
