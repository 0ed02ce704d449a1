using FunctionsFetch.Api;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Functions;

/// <summary><c>GET /api/fetch/{id}</c>: progress while running, every result in input order when done.</summary>
public sealed class FetchStatus(JobStatusHandler handler)
{
    [Function(nameof(GetFetchStatus))]
    public async Task<HttpResponseData> GetFetchStatus(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "fetch/{id}")] HttpRequestData request,
        [DurableClient] DurableTaskClient client,
        string id,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        var format = System.Web.HttpUtility.ParseQueryString(request.Url.Query)["format"];
        var result = await handler.HandleAsync(client, id, format, request.Header("Accept"), context.CancellationToken);
        return await result.ToResponseAsync(request, context.CancellationToken);
    }
}
