using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;

namespace FunctionsFetch.Jobs;

/// <summary>
/// How orchestration inputs, outputs and custom status are serialized, in both hosts: web defaults
/// (camelCase), the same shape the Durable Functions HTTP API shows.
/// </summary>
public static class DurableJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    public static DataConverter Converter { get; } = new JsonDataConverter(Options);
}
