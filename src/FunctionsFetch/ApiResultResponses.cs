using System.Net;
using FunctionsFetch.Api;
using Microsoft.Azure.Functions.Worker.Http;

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

    public static string? Header(this HttpRequestData request, string name) =>
        request.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
