using FunctionsFetch.Api;

namespace FunctionsFetch.Local.InstanceApi;

/// <summary>
/// The Durable Functions check-status payload, with the keys the Functions worker's
/// <c>CreateCheckStatusResponseAsync</c> writes, built by the local host (the Functions app gets it from the Durable extension).
/// </summary>
public sealed record CheckStatusPayload(
    string Id,
    string StatusQueryGetUri,
    string SendEventPostUri,
    string TerminatePostUri,
    string RewindPostUri,
    string PurgeHistoryDeleteUri,
    string RestartPostUri,
    string SuspendPostUri,
    string ResumePostUri)
{
    public const string InstancesPath = "/runtime/webhooks/durabletask/instances";

    /// <param name="baseUrl">Where clients reach this host: scheme, host, port and an optional path prefix.</param>
    /// <param name="instanceId">The job's id.</param>
    /// <param name="query">Query parameters every URI carries (e.g. <c>code=…</c>), or null.</param>
    public static CheckStatusPayload Create(Uri baseUrl, string instanceId, string? query = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var instance = $"{baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/')}{InstancesPath}/{Uri.EscapeDataString(instanceId)}";
        string Url(string path, string? own = null)
        {
            var parts = new[] { own, query }.Where(p => !string.IsNullOrEmpty(p));
            var joined = string.Join('&', parts);
            return joined.Length == 0 ? instance + path : $"{instance}{path}?{joined}";
        }

        return new CheckStatusPayload(
            instanceId,
            Url(string.Empty),
            Url("/raiseEvent/{eventName}"),
            Url("/terminate", "reason={text}"),
            Url("/rewind", "reason={text}"),
            Url(string.Empty),
            Url("/restart"),
            Url("/suspend", "reason={text}"),
            Url("/resume", "reason={text}"));
    }

    /// <summary>The 202 answer to a started job: this payload, with its status URL as <c>Location</c>.</summary>
    public static IResult Accepted(Uri baseUrl, string instanceId, string? query = null)
    {
        var payload = Create(baseUrl, instanceId, query);
        return ApiResults.Json(StatusCodes.Status202Accepted, payload, new Dictionary<string, string> { ["Location"] = payload.StatusQueryGetUri });
    }
}
