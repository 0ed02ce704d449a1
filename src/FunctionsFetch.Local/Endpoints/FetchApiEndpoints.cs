using FunctionsFetch.Api;
using FunctionsFetch.Local.InstanceApi;
using FunctionsFetch.Local.OpenApi;
using Microsoft.DurableTask.Client;
using Microsoft.OpenApi;

namespace FunctionsFetch.Local.Endpoints;

/// <summary>
/// The <c>/api/fetch</c> routes, the same contract as the Functions app's triggers. Each is annotated for the OpenAPI
/// document (its requests, answers, query parameters and headers); the handlers build their answers themselves.
/// </summary>
internal static class FetchApiEndpoints
{
    public static IEndpointRouteBuilder MapFetchApi(this IEndpointRouteBuilder routes)
    {
        var jobs = routes.MapGroup("/api/fetch").WithTags("Jobs");
        jobs.ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        jobs.MapPost("/", async (HttpContext context, StartJobHandler handler, DurableTaskClient client) =>
        {
            var request = context.Request;
            return await handler.HandleAsync(
                client, request.ContentType, request.ContentLength, request.Body, request.QueryValue("jobId"), Accepted(context), request.BaseUrl(), context.RequestAborted);
        })
            .WithName("StartJob")
            .WithSummary("Start a job")
            .WithDescription("Stores the URLs and starts the job: 202 at once, with the Durable check-status payload and its status URL as Location. The same jobId with the same input answers 202 again and starts nothing.")
            .WithJsonBody<StartJobRequest>()
            .WithPlainTextBody()
            .WithQuery("jobId", JsonSchemaType.String, "Your own job id, for a text/plain body (a JSON body's jobId must agree).")
            .Produces<CheckStatusPayload>(StatusCodes.Status202Accepted)
            .WithResponseHeader(StatusCodes.Status202Accepted, "Location", JsonSchemaType.String, "The job's Durable status URL.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        jobs.MapGet("/", async (HttpContext context, JobListHandler handler, DurableTaskClient client) =>
            await handler.HandleAsync(client, context.Request.QueryValue("top"), context.Request.QueryValue("continuationToken"), context.RequestAborted))
            .WithName("ListJobs")
            .WithSummary("List the jobs, newest first")
            .WithDescription("A page of jobs with their state and counts; when more follow, x-ms-continuation-token holds the token to pass as continuationToken.")
            .WithQuery("top", JsonSchemaType.Integer, "Jobs on this page: 1 to 100 (default 20).")
            .WithQuery("continuationToken", JsonSchemaType.String, "The x-ms-continuation-token an earlier page gave.")
            .Produces<IReadOnlyList<JobListEntry>>(StatusCodes.Status200OK)
            .WithResponseHeader(StatusCodes.Status200OK, JobListHandler.ContinuationHeader, JsonSchemaType.String, "The token of the next page; absent on the last.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        jobs.MapGet("/{id}", async (HttpContext context, string id, JobStatusHandler handler, DurableTaskClient client) =>
            await handler.HandleAsync(client, id, context.Request.QueryValue("format"), context.Request.Headers.Accept.ToString(), context.RequestAborted))
            .WithName("GetJob")
            .WithSummary("Follow a job; its results once it ended")
            .WithDescription("202 with progress while the job runs (Retry-After: 2); 200 with every result in input order once it ended (Completed, Failed or Terminated), as JSON, NDJSON or CSV (format, or the Accept header).")
            .WithQuery("format", JsonSchemaType.String, "json (default), ndjson or csv; without it the Accept header decides.", "json", "ndjson", "csv")
            .Produces<JobResultsBody>(StatusCodes.Status200OK)
            .WithResultFormats()
            .WithResponseHeader(StatusCodes.Status200OK, "x-fetch-runtime-status", JsonSchemaType.String, "The job's runtime status (every format).")
            .WithResponseHeader(StatusCodes.Status200OK, "x-fetch-total", JsonSchemaType.Integer, "The job's URL count.")
            .WithResponseHeader(StatusCodes.Status200OK, "x-fetch-succeeded", JsonSchemaType.Integer, "Results that succeeded.")
            .WithResponseHeader(StatusCodes.Status200OK, "x-fetch-failed", JsonSchemaType.Integer, "Results that failed (an error, or a status of 400 or more).")
            .Produces<JobStatusBody>(StatusCodes.Status202Accepted)
            .WithResponseHeader(StatusCodes.Status202Accepted, "Retry-After", JsonSchemaType.Integer, "Seconds to wait before asking again.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        jobs.MapGet("/{id}/results", async (HttpContext context, string id, JobResultsPageHandler handler, DurableTaskClient client) =>
        {
            var request = context.Request;
            return await handler.HandleAsync(client, id, request.QueryValue("format"), request.QueryValue("after"), request.QueryValue("limit"), context.RequestAborted);
        })
            .WithName("GetResultsPage")
            .WithSummary("Results stored since a cursor, while the job runs and after")
            .WithDescription("At most limit results stored after the cursor, in the order their batches finished. Pass x-fetch-cursor back as after until x-fetch-complete is true.")
            .WithQuery("format", JsonSchemaType.String, "ndjson (default), csv or json.", "ndjson", "csv", "json")
            .WithQuery("after", JsonSchemaType.String, "The cursor an earlier page gave; absent: from the first result.")
            .WithQuery("limit", JsonSchemaType.Integer, "Most results on this page: 1 to 10000 (default 1000).")
            .Produces<ResultsPageBody>(StatusCodes.Status200OK)
            .WithResultFormats()
            .WithResponseHeader(StatusCodes.Status200OK, JobResultsPageHandler.CursorHeader, JsonSchemaType.String, "The cursor after this page.")
            .WithResponseHeader(StatusCodes.Status200OK, JobResultsPageHandler.CompleteHeader, JsonSchemaType.String, "true once the job has ended and nothing is left after this page.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        jobs.MapGet("/{id}/summary", async (HttpContext context, string id, JobSummaryHandler handler, DurableTaskClient client) =>
            await handler.HandleAsync(client, id, context.RequestAborted))
            .WithName("GetJobSummary")
            .WithSummary("A job at a glance")
            .WithDescription("The job's state and counts, and its stored results summed so far: by outcome (status class or error), by error kind, the slowest hosts; the hosts throttling it and its concurrency while it runs.")
            .Produces<JobSummaryBody>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound);

        jobs.MapGet("/{id}/rows", async (HttpContext context, string id, JobRowsHandler handler, DurableTaskClient client) =>
            await handler.HandleAsync(client, id, JobRowsHandler.Query.From(context.Request), context.RequestAborted))
            .WithName("GetJobRows")
            .WithSummary("A filtered page of a job's results, in input order")
            .WithDescription("The stored results matching every filter given, from offset, at most limit, and how many match in all.")
            .WithQuery("offset", JsonSchemaType.Integer, "Matches to skip (default 0).")
            .WithQuery("limit", JsonSchemaType.Integer, "Most rows on this page: 1 to 500 (default 50).")
            .WithQuery("statusMin", JsonSchemaType.Integer, "Lowest status code, 100 to 599.")
            .WithQuery("statusMax", JsonSchemaType.Integer, "Highest status code, 100 to 599.")
            .WithQuery("errorKind", JsonSchemaType.String, "An error kind, or none for results without an error.")
            .WithQuery("outcome", JsonSchemaType.String, "failed or succeeded.", "failed", "succeeded")
            .WithQuery("q", JsonSchemaType.String, "Text in the URL, case-insensitive.")
            .Produces<JobRowsPage>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        jobs.MapGet("/{id}/results/{index}/body", async (HttpContext context, string id, string index, JobBodyHandler handler, DurableTaskClient client) =>
            await handler.HandleAsync(client, id, index, context.RequestAborted))
            .WithName("GetSavedBody")
            .WithSummary("A body saved with saveBodies")
            .WithDescription("The stored body of the result at index, with the Content-Type it was fetched with (application/octet-stream when none), X-Content-Type-Options: nosniff and Content-Security-Policy: sandbox.")
            .WithAnyBody("The body as fetched.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        jobs.MapDelete("/{id}", async (HttpContext context, string id, CancelJobHandler handler, DurableTaskClient client) =>
            await handler.HandleAsync(client, id, context.RequestAborted))
            .WithName("CancelJob")
            .WithSummary("Cancel a running job")
            .WithDescription("Fetching stops within about a second; what was fetched stays readable. 202 with the job's last progress, runtimeStatus Terminating.")
            .Produces<JobStatusBody>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        jobs.MapPost("/{id}/concurrency", async (HttpContext context, string id, ConcurrencyHandler handler, DurableTaskClient client) =>
            await handler.HandleAsync(client, id, context.Request.Body, context.RequestAborted))
            .WithName("SetConcurrency")
            .WithSummary("Retune a running job's concurrency")
            .WithDescription("Batches the job starts from now on take the new concurrency; 202 with the job's progress and the new concurrency.")
            .WithJsonBody<ConcurrencyRequest>()
            .Produces<JobStatusBody>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        jobs.MapPost("/{id}/retry-failed", async (HttpContext context, string id, RetryFailedHandler handler, DurableTaskClient client) =>
            await handler.HandleAsync(client, id, Accepted(context), context.RequestAborted))
            .WithName("RetryFailed")
            .WithSummary("A new job for an ended job's failed URLs")
            .WithDescription("Its results are the original list with the failed entries replaced; 202 with the new job's check-status payload.")
            .Produces<CheckStatusPayload>(StatusCodes.Status202Accepted)
            .WithResponseHeader(StatusCodes.Status202Accepted, "Location", JsonSchemaType.String, "The new job's Durable status URL.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return routes;
    }

    /// <summary>A started job's 202: this host's check-status payload, its URLs carrying the API key when one is set.</summary>
    private static JobAccepted Accepted(HttpContext context) =>
        id => CheckStatusPayload.Accepted(context.Request.BaseUrl(), id, ApiKeyMiddleware.StatusQuery(context));
}
