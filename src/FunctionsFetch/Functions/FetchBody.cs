using FunctionsFetch.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Functions;

/// <summary><c>GET /api/fetch/{id}/results/{index}/body</c>: a saved body, with the Content-Type it was fetched with.</summary>
public sealed class FetchBody(JobBodyHandler handler)
{
    [Function(nameof(GetFetchBody))]
    public async Task<IResult> GetFetchBody(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "fetch/{id}/results/{index}/body")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id,
        string index,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return await handler.HandleAsync(client, id, index, context.CancellationToken);
    }
}
