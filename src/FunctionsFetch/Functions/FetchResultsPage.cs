using FunctionsFetch.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Functions;

/// <summary><c>GET /api/fetch/{id}/results</c>: the results stored since a cursor, in the order their batches finished, while the job runs and after.</summary>
public sealed class FetchResultsPage(JobResultsPageHandler handler)
{
    [Function(nameof(GetFetchResultsPage))]
    public async Task<IResult> GetFetchResultsPage(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "fetch/{id}/results")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return await handler.HandleAsync(client, id, request.QueryValue("format"), request.QueryValue("after"), request.QueryValue("limit"), context.CancellationToken);
    }
}
