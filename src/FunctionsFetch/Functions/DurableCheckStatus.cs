using System.Reflection;
using FunctionsFetch.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Functions;

/// <summary>
/// A started job's 202 on Azure Functions: the Durable extension's management payload (its keys, casing and the host's
/// system key in every URL) with its status URL as Location, sent as the extension's <c>CreateCheckStatusResponseAsync</c> sends it.
/// </summary>
internal static class DurableCheckStatus
{
    /// <summary>The extension writes a bare media type, without the charset the API's own JSON answers carry.</summary>
    public const string ContentType = "application/json";

    private const string StatusUriKey = "statusQueryGetUri";

    /// <summary>The payload's URLs start from the request's own authority, so the invocation's request is read once up front.</summary>
    public static async Task<JobAccepted> AcceptedAsync(DurableTaskClient client, FunctionContext context)
    {
        var request = await context.GetHttpRequestDataAsync()
            ?? throw new InvalidOperationException($"Function {context.FunctionDefinition.Name} is not an HTTP invocation.");
        return instanceId => Accepted(client, request, instanceId);
    }

    public static IResult Accepted(DurableTaskClient client, HttpRequestData request, string instanceId)
    {
        var payload = client.CreateHttpManagementPayload(instanceId, request);
        // Typed as object by the extension; its status URL property is found by name, whatever its casing.
        var location = payload.GetType().GetProperty(StatusUriKey, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.GetValue(payload) as string
            ?? throw new InvalidOperationException($"The Durable management payload has no {StatusUriKey}.");
        return ApiResults.Json(StatusCodes.Status202Accepted, payload, new Dictionary<string, string> { ["Location"] = location }, ContentType);
    }
}
