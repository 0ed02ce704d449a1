using FunctionsFetch.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Functions;

/// <summary><c>GET /api/fetch/{id}</c>: progress while running, every result in input order when done.</summary>
public sealed class FetchStatus(JobStatusHandler handler)
{
    [Function(nameof(GetFetchStatus))]
    public async Task<IResult> GetFetchStatus(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "fetch/{id}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        return await handler.HandleAsync(client, id, request.QueryValue("format"), request.Headers.Accept.ToString(), context.CancellationToken);
    }
}
