using System.Text.Json;
using System.Text.Json.Serialization;

namespace FunctionsFetch.Local.InstanceApi;

/// <summary>One instance as the Durable Functions HTTP API shows it.</summary>
public sealed record InstanceStatusBody(
    string Name,
    string InstanceId,
    string RuntimeStatus,
    JsonElement? Input,
    JsonElement? CustomStatus,
    JsonElement? Output,
    DateTimeOffset CreatedTime,
    DateTimeOffset LastUpdatedTime,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? HistoryEvents = null);
