using FunctionsFetch.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Functions;

/// <summary><c>POST /api/fetch/{id}/retry-failed</c>: a new job for the failed URLs of an ended job.</summary>
public sealed class FetchRetryFailed(RetryFailedHandler handler)
{
    [Function(nameof(RetryFailedFetches))]
    public async Task<IResult> RetryFailedFetches(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "fetch/{id}/retry-failed")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var accepted = await DurableCheckStatus.AcceptedAsync(client, context);
        return await handler.HandleAsync(client, id, accepted, context.CancellationToken);
    }
}
