using FunctionsFetch.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Functions;

/// <summary><c>POST /api/fetch/{id}/concurrency</c>: changes a running job's concurrency for the batches it starts next.</summary>
public sealed class FetchConcurrency(ConcurrencyHandler handler)
{
    [Function(nameof(SetFetchConcurrency))]
    public async Task<IResult> SetFetchConcurrency(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "fetch/{id}/concurrency")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return await handler.HandleAsync(client, id, request.Body, context.CancellationToken);
    }
}
