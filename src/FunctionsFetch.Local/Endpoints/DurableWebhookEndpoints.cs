using FunctionsFetch.Api;
using FunctionsFetch.Local.InstanceApi;

namespace FunctionsFetch.Local.Endpoints;

/// <summary>The Durable Functions built-in instance API, served at the same paths as under Functions.</summary>
internal static class DurableWebhookEndpoints
{
    public static IEndpointRouteBuilder MapDurableWebhooks(this IEndpointRouteBuilder routes)
    {
        var instances = routes.MapGroup(CheckStatusPayload.InstancesPath);

        instances.MapGet("/", async (HttpContext context, DurableWebhooksApi api) =>
            await api.ListAsync(context.Request.QueryValue, context.Request.Headers[DurableWebhooksApi.ContinuationHeader].ToString(), context.RequestAborted));

        instances.MapGet("/{id}", async (HttpContext context, string id, DurableWebhooksApi api) =>
        {
            // The Location handed back carries the API key, as every status URL does.
            var statusUrl = new Uri(CheckStatusPayload.Create(context.Request.BaseUrl(), id, ApiKeyMiddleware.StatusQuery(context)).StatusQueryGetUri);
            return await api.GetInstanceAsync(id, context.Request.QueryValue, statusUrl, context.RequestAborted);
        });

        instances.MapPost("/{id}/terminate", async (HttpContext context, string id, DurableWebhooksApi api) =>
            await api.TerminateAsync(id, context.Request.QueryValue("reason"), context.RequestAborted));

        instances.MapPost("/{id}/suspend", async (HttpContext context, string id, DurableWebhooksApi api) =>
            await api.SuspendAsync(id, context.Request.QueryValue("reason"), context.RequestAborted));

        instances.MapPost("/{id}/resume", async (HttpContext context, string id, DurableWebhooksApi api) =>
            await api.ResumeAsync(id, context.Request.QueryValue("reason"), context.RequestAborted));

        instances.MapPost("/{id}/raiseEvent/{eventName}", async (HttpContext context, string id, string eventName, DurableWebhooksApi api) =>
            await api.RaiseEventAsync(id, eventName, context.Request.Body, context.RequestAborted));

        instances.MapPost("/{id}/restart", async (HttpContext context, string id, DurableWebhooksApi api) =>
            await api.RestartAsync(id, context.Request.QueryValue, context.Request.BaseUrl(), ApiKeyMiddleware.StatusQuery(context), context.RequestAborted));

        instances.MapPost("/{id}/rewind", () => DurableWebhooksApi.RewindNotSupported());

        instances.MapDelete("/{id}", async (HttpContext context, string id, DurableWebhooksApi api) =>
            await api.PurgeAsync(id, context.RequestAborted));

        return routes;
    }
}
