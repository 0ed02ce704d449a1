using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Core.Serialization;

namespace FunctionsFetch.Functions;

/// <summary>
/// The worker's serializer. The default writes PascalCase, so the check-status payload would not match
/// the Durable Functions HTTP API; web defaults make it camelCase. Nulls are left out so the payload has
/// exactly the documented keys (the worker leaves rewind and restart URIs null).
/// </summary>
internal static class WorkerJson
{
    public static ObjectSerializer Serializer { get; } = new JsonObjectSerializer(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });
}
