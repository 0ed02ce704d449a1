using System.Text.Json;

namespace FunctionsFetch.Api;

/// <summary>The JSON shape of every API body both hosts write: camelCase, nulls kept (a null statusCode is information).</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
