using System.Net;
using FunctionsFetch.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Functions;

/// <summary>
/// Copies a core <see cref="IResult"/> (always an <see cref="ApiResponse"/>) onto the worker's response type: the
/// triggers still bind <see cref="HttpRequestData"/>, whose response is not an <see cref="HttpContext"/> to execute onto.
/// </summary>
internal static class ApiResponses
{
    public static async Task<HttpResponseData> ToResponseAsync(this IResult answer, HttpRequestData request, CancellationToken cancellationToken)
    {
        if (answer is not ApiResponse result)
        {
            throw new NotSupportedException($"The Functions triggers copy only {nameof(ApiResponse)} answers, not {answer?.GetType().Name}.");
        }

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
