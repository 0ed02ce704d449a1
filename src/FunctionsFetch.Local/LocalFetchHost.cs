using FunctionsFetch.Local.Endpoints;
using FunctionsFetch.Local.Engine;
using FunctionsFetch.Local.Health;
using FunctionsFetch.Local.InstanceApi;
using FunctionsFetch.Local.Metrics;
using FunctionsFetch.Local.OpenApi;
using Microsoft.Extensions.Configuration.Json;

namespace FunctionsFetch.Local;

/// <summary>
/// Composes the local host: host.json and the <c>Fetch</c> section read as the Functions app reads them,
/// Azurite when needed, the in-process engine, the worker running the core's orchestrator and activity,
/// and the same HTTP API as the Functions app, with the dashboard at <c>/</c>; beside it, outside the API key, its description (<c>/openapi/v1.json</c>,
/// <c>/docs</c>), the container probes (<c>/healthz</c>, <c>/readyz</c>) and metrics (<c>/metrics</c>).
/// </summary>
public static class LocalFetchHost
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

        // host.json first, so environment variables and the command line override it.
        builder.Configuration.Sources.Insert(0, new JsonConfigurationSource { Path = "host.json", Optional = false, ReloadOnChange = false });
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // The fetch API bounds request bodies itself (Fetch:MaxRequestBytes, answered with 413 problem+json).
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = null);
        configure?.Invoke(builder);
        builder.AddLocalFetchServices();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.MapFetchApi();
        app.MapDurableWebhooks();
        app.MapApiDescription();
        app.MapHealthProbes();
        app.MapPrometheusMetrics();
        app.MapDashboard();
        return app;
    }

    private static void AddLocalFetchServices(this WebApplicationBuilder builder)
    {
        var engine = builder.AddDurableEngine(DefaultUrl);
        builder.AddFetchWorker(engine.InMemory);
        builder.Services.AddDurableInstanceApi(engine.InMemory);
        builder.Services.AddApiDescription();
        builder.Services.AddHealthProbes();
        builder.Services.AddPrometheusMetrics();

        // Tried in this order: a storage outage answers 503, anything else 500.
        builder.Services.AddExceptionHandler<StorageUnavailableExceptionHandler>();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddProblemDetails();
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
    }
}
