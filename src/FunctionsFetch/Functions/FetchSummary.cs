using FunctionsFetch.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Functions;

/// <summary><c>GET /api/fetch/{id}/summary</c>: the job at a glance, from the results stored so far.</summary>
public sealed class FetchSummary(JobSummaryHandler handler)
{
    [Function(nameof(GetFetchSummary))]
    public async Task<IResult> GetFetchSummary(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "fetch/{id}/summary")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        return await handler.HandleAsync(client, id, context.CancellationToken);
    }
}
