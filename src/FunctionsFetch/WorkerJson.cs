using Azure.Core.Serialization;
using FunctionsFetch.Jobs;
using FunctionsFetch.Serialization;

namespace FunctionsFetch.Functions;

/// <summary>
/// The worker's serializer. The default writes PascalCase, so the check-status payload would not match
/// the Durable Functions HTTP API; web defaults make it camelCase. Durable also uses it for activity and
/// orchestration payloads.
/// </summary>
internal static class WorkerJson
{
    public static ObjectSerializer Serializer { get; } = new JsonObjectSerializer(FetchJson.Options);
}
