using FunctionsFetch.Testing;
using Microsoft.AspNetCore.Http;
using DashboardTriggers = FunctionsFetch.Functions.DashboardPage;

namespace FunctionsFetch.IntegrationTests.Dashboard;

/// <summary>
/// A loopback server in the Functions app's place, for the page's paths: <c>/api/dashboard</c> and its files answered by
/// the Functions app's own dashboard triggers, every other request passed on to a local host (the same API).
/// </summary>
public sealed class FunctionsAppStandIn : IAsyncDisposable
{
    private const string Prefix = "/api/dashboard";

    private readonly LoopbackServer _server;
    private readonly HttpClient _api;

    private FunctionsAppStandIn(LoopbackServer server, HttpClient api)
    {
        _server = server;
        _api = api;
    }

    public Uri BaseUri => _server.BaseUri;

    public static async Task<FunctionsAppStandIn> StartAsync(Uri api)
    {
        var client = new HttpClient { BaseAddress = api };
        var triggers = new DashboardTriggers();
        var server = await LoopbackServer.StartAsync(context => HandleAsync(context, triggers, client));
        return new FunctionsAppStandIn(server, client);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _api.Dispose();
    }

    private static async Task HandleAsync(HttpContext context, DashboardTriggers triggers, HttpClient api)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path == Prefix)
        {
            await triggers.GetDashboard(context.Request).ExecuteAsync(context);
        }
        else if (path.StartsWith(Prefix + "/", StringComparison.Ordinal))
        {
            await triggers.GetDashboardFile(context.Request, path[(Prefix.Length + 1)..]).ExecuteAsync(context);
        }
        else
        {
            await ForwardAsync(context, api);
        }
    }

    private static async Task ForwardAsync(HttpContext context, HttpClient api)
    {
        var incoming = context.Request;
        using var request = new HttpRequestMessage(new HttpMethod(incoming.Method), new Uri(incoming.Path + incoming.QueryString, UriKind.Relative));
        if (incoming.ContentLength > 0 || incoming.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(incoming.Body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", incoming.ContentType);
        }

        foreach (var (name, values) in incoming.Headers.Where(h => h.Key.StartsWith("x-", StringComparison.OrdinalIgnoreCase)))
        {
            request.Headers.TryAddWithoutValidation(name, values.ToArray());
        }

        using var response = await api.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
