using FunctionsFetch.Api;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Functions;

/// <summary><c>POST /api/fetch/{id}/retry-failed</c>: a new job for the failed URLs of an ended job.</summary>
public sealed class FetchRetryFailed(RetryFailedHandler handler)
{
    [Function(nameof(RetryFailedFetches))]
    public async Task<HttpResponseData> RetryFailedFetches(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "fetch/{id}/retry-failed")] HttpRequestData request,
        [DurableClient] DurableTaskClient client,
        string id,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var started = await handler.HandleAsync(client, id, context.CancellationToken);
        return await started.ToResponseAsync(client, request, context.CancellationToken);
    }
}
