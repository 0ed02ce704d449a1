using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsFetch.Functions;

/// <summary>
/// <c>GET /api/openapi/v1.json</c>, anonymous: the API's OpenAPI document. Functions cannot describe its triggers, so this
/// is the document the local host generates for the same routes, committed as <c>OpenApi/v1.json</c> (a test fails when
/// it drifts from the local host's) and embedded in this assembly.
/// </summary>
public static class OpenApiDocument
{
    public const string ResourceName = "FunctionsFetch.OpenApi.v1.json";

    private static readonly Lazy<byte[]> Document = new(Read);

    [Function(nameof(GetOpenApiDocument))]
    public static IResult GetOpenApiDocument(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi/v1.json")] HttpRequest request) =>
        Results.Bytes(Document.Value, "application/json; charset=utf-8");

    /// <summary>The embedded document's bytes.</summary>
    public static byte[] Read()
    {
        using var stream = typeof(OpenApiDocument).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The OpenAPI document is not embedded as {ResourceName}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
