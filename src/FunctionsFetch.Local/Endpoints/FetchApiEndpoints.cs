using FunctionsFetch.Api;
using FunctionsFetch.Local.InstanceApi;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Local.Endpoints;

/// <summary>The <c>/api/fetch</c> routes, the same contract as the Functions app's triggers.</summary>
internal static class FetchApiEndpoints
{
    public static IEndpointRouteBuilder MapFetchApi(this IEndpointRouteBuilder routes)
    {
        var jobs = routes.MapGroup("/api/fetch");

        jobs.MapPost("/", async (HttpContext context, StartJobHandler handler, DurableTaskClient client) =>
        {
            var request = context.Request;
            return await handler.HandleAsync(
                client, request.ContentType, request.ContentLength, request.Body, request.QueryValue("jobId"), Accepted(context), context.RequestAborted);
        });

        jobs.MapGet("/", async (HttpContext context, JobListHandler handler, DurableTaskClient client) =>
            await handler.HandleAsync(client, context.Request.QueryValue("top"), context.Request.QueryValue("continuationToken"), context.RequestAborted));

        jobs.MapGet("/{id}", async (HttpContext context, string id, JobStatusHandler handler, DurableTaskClient client) =>
            await handler.HandleAsync(client, id, context.Request.QueryValue("format"), context.Request.Headers.Accept.ToString(), context.RequestAborted));

        jobs.MapGet("/{id}/results", async (HttpContext context, string id, JobResultsPageHandler handler, DurableTaskClient client) =>
        {
            var request = context.Request;
            return await handler.HandleAsync(client, id, request.QueryValue("format"), request.QueryValue("after"), request.QueryValue("limit"), context.RequestAborted);
        });

        jobs.MapGet("/{id}/summary", async (HttpContext context, string id, JobSummaryHandler handler, DurableTaskClient client) =>
            await handler.HandleAsync(client, id, context.RequestAborted));

        jobs.MapGet("/{id}/rows", async (HttpContext context, string id, JobRowsHandler handler, DurableTaskClient client) =>
            await handler.HandleAsync(client, id, JobRowsHandler.Query.From(context.Request), context.RequestAborted));

        jobs.MapGet("/{id}/results/{index}/body", async (HttpContext context, string id, string index, JobBodyHandler handler, DurableTaskClient client) =>
            await handler.HandleAsync(client, id, index, context.RequestAborted));

        jobs.MapDelete("/{id}", async (HttpContext context, string id, CancelJobHandler handler, DurableTaskClient client) =>
            await handler.HandleAsync(client, id, context.RequestAborted));

        jobs.MapPost("/{id}/concurrency", async (HttpContext context, string id, ConcurrencyHandler handler, DurableTaskClient client) =>
            await handler.HandleAsync(client, id, context.Request.Body, context.RequestAborted));

        jobs.MapPost("/{id}/retry-failed", async (HttpContext context, string id, RetryFailedHandler handler, DurableTaskClient client) =>
            await handler.HandleAsync(client, id, Accepted(context), context.RequestAborted));

        return routes;
    }

    /// <summary>A started job's 202: this host's check-status payload, its URLs carrying the API key when one is set.</summary>
    private static JobAccepted Accepted(HttpContext context) =>
        id => CheckStatusPayload.Accepted(context.Request.BaseUrl(), id, ApiKeyMiddleware.StatusQuery(context));
}
