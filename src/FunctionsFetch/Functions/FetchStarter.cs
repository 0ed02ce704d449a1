using FunctionsFetch.Api;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Functions;

/// <summary><c>POST /api/fetch</c>: validates the URLs, starts the job, answers 202 with its status URLs.</summary>
public sealed class FetchStarter(StartJobHandler handler)
{
    [Function(nameof(StartFetch))]
    public async Task<HttpResponseData> StartFetch(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "fetch")] HttpRequestData request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var contentLength = long.TryParse(request.Header("Content-Length"), out var length) ? length : (long?)null;
        var jobId = System.Web.HttpUtility.ParseQueryString(request.Url.Query)["jobId"];
        var started = await handler.HandleAsync(client, request.Header("Content-Type"), contentLength, request.Body, jobId, context.CancellationToken);
        return await started.ToResponseAsync(client, request, context.CancellationToken);
    }
}
