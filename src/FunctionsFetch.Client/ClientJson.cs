using System.Text.Json;

namespace FunctionsFetch.Client;

/// <summary>
/// How the client reads and writes the API's JSON: camelCase as the server writes it, and strict about the
/// shapes, so a missing key or a null where the contract has none fails here rather than as a wrong value later.
/// </summary>
internal static class ClientJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };
}
