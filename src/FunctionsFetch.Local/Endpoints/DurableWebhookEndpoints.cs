using FunctionsFetch.Api;
using FunctionsFetch.Local.InstanceApi;

namespace FunctionsFetch.Local.Endpoints;

/// <summary>The Durable Functions built-in instance API, served at the same paths as under Functions.</summary>
internal static class DurableWebhookEndpoints
{
    public static IEndpointRouteBuilder MapDurableWebhooks(this IEndpointRouteBuilder routes)
    {
        var instances = routes.MapGroup(CheckStatusPayload.InstancesPath).WithTags("Durable instance API");
        instances.ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status500InternalServerError);

        instances.MapGet("/", async (HttpContext context, DurableWebhooksApi api) =>
            await api.ListAsync(context.Request.QueryValue, context.Request.Headers[DurableWebhooksApi.ContinuationHeader].ToString(), context.RequestAborted))
            .WithSummary("List instances (runtimeStatus, createdTimeFrom, createdTimeTo, instanceIdPrefix, top, showInput; x-ms-continuation-token)")
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        instances.MapGet("/{id}", async (HttpContext context, string id, DurableWebhooksApi api) =>
        {
            // The Location handed back carries the API key, as every status URL does.
            var statusUrl = new Uri(CheckStatusPayload.Create(context.Request.BaseUrl(), id, ApiKeyMiddleware.StatusQuery(context)).StatusQueryGetUri);
            return await api.GetInstanceAsync(id, context.Request.QueryValue, statusUrl, context.RequestAborted);
        })
            .WithSummary("An instance's status (showInput, showHistory, returnInternalServerErrorOnFailure)")
            .Produces(StatusCodes.Status200OK)
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound);

        instances.MapPost("/{id}/terminate", async (HttpContext context, string id, DurableWebhooksApi api) =>
            await api.TerminateAsync(id, context.Request.QueryValue("reason"), context.RequestAborted))
            .WithSummary("Terminate an instance (and stop its batches)")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);

        instances.MapPost("/{id}/suspend", async (HttpContext context, string id, DurableWebhooksApi api) =>
            await api.SuspendAsync(id, context.Request.QueryValue("reason"), context.RequestAborted))
            .WithSummary("Suspend an instance")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);

        instances.MapPost("/{id}/resume", async (HttpContext context, string id, DurableWebhooksApi api) =>
            await api.ResumeAsync(id, context.Request.QueryValue("reason"), context.RequestAborted))
            .WithSummary("Resume an instance")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);

        instances.MapPost("/{id}/raiseEvent/{eventName}", async (HttpContext context, string id, string eventName, DurableWebhooksApi api) =>
            await api.RaiseEventAsync(id, eventName, context.Request.Body, context.RequestAborted))
            .WithSummary("Raise an event on an instance (JSON data)")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);

        instances.MapPost("/{id}/restart", async (HttpContext context, string id, DurableWebhooksApi api) =>
            await api.RestartAsync(id, context.Request.QueryValue, context.Request.BaseUrl(), ApiKeyMiddleware.StatusQuery(context), context.RequestAborted))
            .WithSummary("Restart an instance (restartWithNewInstanceId, default true)")
            .Produces<CheckStatusPayload>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        instances.MapPost("/{id}/rewind", () => DurableWebhooksApi.RewindNotSupported())
            .WithSummary("Rewind: not supported by this engine")
            .ProducesProblem(StatusCodes.Status501NotImplemented);

        instances.MapDelete("/{id}", async (HttpContext context, string id, DurableWebhooksApi api) =>
            await api.PurgeAsync(id, context.RequestAborted))
            .WithSummary("Purge an ended instance's history and blobs")
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return routes;
    }
}
