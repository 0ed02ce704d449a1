using FunctionsFetch.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Functions;

/// <summary><c>DELETE /api/fetch/{id}</c>: terminates a running job; its results so far stay readable.</summary>
public sealed class FetchCancel(CancelJobHandler handler)
{
    [Function(nameof(CancelFetch))]
    public async Task<IResult> CancelFetch(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "fetch/{id}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return await handler.HandleAsync(client, id, context.CancellationToken);
    }
}
