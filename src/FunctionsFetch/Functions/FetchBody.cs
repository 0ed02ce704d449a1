using FunctionsFetch.Api;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Functions;

/// <summary><c>GET /api/fetch/{id}/results/{index}/body</c>: a saved body, with the Content-Type it was fetched with.</summary>
public sealed class FetchBody(JobBodyHandler handler)
{
    [Function(nameof(GetFetchBody))]
    public async Task<HttpResponseData> GetFetchBody(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "fetch/{id}/results/{index}/body")] HttpRequestData request,
        [DurableClient] DurableTaskClient client,
        string id,
        string index,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = await handler.HandleAsync(client, id, index, context.CancellationToken);
        return await result.ToResponseAsync(request, context.CancellationToken);
    }
}
