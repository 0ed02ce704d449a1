using System.Text.Json.Serialization;
using Scalar.AspNetCore;

namespace FunctionsFetch.Local.OpenApi;

/// <summary>
/// The API's description: the OpenAPI document at <see cref="DocumentPath"/> (Microsoft.AspNetCore.OpenApi) and an
/// interactive reference over it at <see cref="DocsPath"/> (Scalar), both outside the API key.
/// </summary>
public static class ApiDescription
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";
    public const string DocsPath = "/docs";

    /// <summary>Adds the <c>v1</c> document, of the API routes only (<c>/api/…</c>, <c>/runtime/…</c>).</summary>
    public static IServiceCollection AddApiDescription(this IServiceCollection services)
    {
        // The API writes numbers as numbers (FetchJson): the document's schemas say so, not "integer or string".
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);
        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description =>
                description.RelativePath is { } path && (path.StartsWith("api/", StringComparison.Ordinal) || path.StartsWith("runtime/", StringComparison.Ordinal));
            options.AddDocumentTransformer<ApiDocumentTransformer>();
        });
        return services;
    }

    public static IEndpointRouteBuilder MapApiDescription(this IEndpointRouteBuilder routes)
    {
        routes.MapOpenApi("/openapi/{documentName}.json");
        routes.MapScalarApiReference(DocsPath, options => options.WithTitle("FunctionsFetch API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        return routes;
    }
}
