using FunctionsFetch.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Functions;

/// <summary><c>GET /api/fetch?top=&amp;continuationToken=</c>: the jobs, newest first, a page at a time.</summary>
public sealed class FetchList(JobListHandler handler)
{
    [Function(nameof(ListFetchJobs))]
    public async Task<IResult> ListFetchJobs(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "fetch")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        return await handler.HandleAsync(client, request.QueryValue("top"), request.QueryValue("continuationToken"), context.CancellationToken);
    }
}
