using FunctionsFetch.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Functions;

/// <summary><c>GET /api/fetch/{id}/rows</c>: one filtered page of the stored results, in input order.</summary>
public sealed class FetchRows(JobRowsHandler handler)
{
    [Function(nameof(GetFetchRows))]
    public async Task<IResult> GetFetchRows(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "fetch/{id}/rows")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        return await handler.HandleAsync(client, id, JobRowsHandler.Query.From(request), context.CancellationToken);
    }
}
