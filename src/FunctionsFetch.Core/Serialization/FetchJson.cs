using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;

namespace FunctionsFetch.Serialization;

/// <summary>
/// The one JSON shape of FunctionsFetch: web defaults (camelCase, nulls kept, since a null statusCode is
/// information). API bodies, stored results and manifests, and orchestration inputs, outputs and custom
/// status all use it, so what the Durable status API shows matches what the fetch API shows.
/// </summary>
public static class FetchJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    /// <summary><see cref="Options"/> as the Durable Task worker and client serialize with it.</summary>
    public static DataConverter DataConverter { get; } = new JsonDataConverter(Options);
}
