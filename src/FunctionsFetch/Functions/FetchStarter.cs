using FunctionsFetch.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Functions;

/// <summary><c>POST /api/fetch</c>: validates the URLs, starts the job, answers 202 with its status URLs.</summary>
public sealed class FetchStarter(StartJobHandler handler)
{
    [Function(nameof(StartFetch))]
    public async Task<IResult> StartFetch(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "fetch")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var accepted = await DurableCheckStatus.AcceptedAsync(client, context);
        // The app's own address as the request reached it: a completion callback's status and results URLs start with it.
        var apiBase = new Uri($"{request.Scheme}://{request.Host}");
        return await handler.HandleAsync(client, request.ContentType, request.ContentLength, request.Body, request.QueryValue("jobId"), accepted, apiBase, context.CancellationToken);
    }
}
