using FunctionsFetch.Api;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Functions;

/// <summary><c>DELETE /api/fetch/{id}</c>: terminates a running job; its results so far stay readable.</summary>
public sealed class FetchCancel(CancelJobHandler handler)
{
    [Function(nameof(CancelFetch))]
    public async Task<HttpResponseData> CancelFetch(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "fetch/{id}")] HttpRequestData request,
        [DurableClient] DurableTaskClient client,
        string id,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = await handler.HandleAsync(client, id, context.CancellationToken);
        return await result.ToResponseAsync(request, context.CancellationToken);
    }
}
