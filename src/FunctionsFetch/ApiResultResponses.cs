using System.Net;
using FunctionsFetch.Api;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Functions;

/// <summary>Copies a core <see cref="ApiResult"/> onto the worker's response type.</summary>
internal static class ApiResultResponses
{
    public static async Task<HttpResponseData> ToResponseAsync(this ApiResult result, HttpRequestData request, CancellationToken cancellationToken)
    {
        var response = request.CreateResponse((HttpStatusCode)result.StatusCode);
        response.Headers.Add("Content-Type", result.ContentType);
        foreach (var (name, value) in result.Headers)
        {
            response.Headers.Add(name, value);
        }

        await result.WriteBodyAsync(response.Body, cancellationToken);
        return response;
    }

    /// <summary>A started job answers with the Durable check-status payload; a rejected start with its problem.</summary>
    public static async Task<HttpResponseData> ToResponseAsync(this JobStartResult started, DurableTaskClient client, HttpRequestData request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(started);
        return started.Rejection is not null
            ? await started.Rejection.ToResponseAsync(request, cancellationToken)
            : await client.CreateCheckStatusResponseAsync(request, started.InstanceId!, cancellationToken);
    }

    public static string? Header(this HttpRequestData request, string name) =>
        request.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
