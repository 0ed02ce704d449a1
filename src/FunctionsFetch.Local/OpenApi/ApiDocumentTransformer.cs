using FunctionsFetch.Local.Endpoints;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FunctionsFetch.Local.OpenApi;

/// <summary>
/// The document's head: title and description, no <c>servers</c> (paths are the same on both hosts, so the Functions app
/// serves this very document), and the API key as two security schemes, either of which every operation accepts.
/// </summary>
internal sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string HeaderScheme = "functionKey";
    public const string QueryScheme = "functionKeyQuery";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info = new OpenApiInfo
        {
            Title = "FunctionsFetch API",
            Version = "v1",
            Description =
                "Fetch many URLs as one durable job. The same routes on the local host and on the Azure Functions app; "
                + "every error is application/problem+json. Reference: docs/api.md.",
        };
        document.Servers = [];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[HeaderScheme] = Key(ParameterLocation.Header, ApiKeyMiddleware.HeaderName);
        document.Components.SecuritySchemes[QueryScheme] = Key(ParameterLocation.Query, ApiKeyMiddleware.QueryName);
        document.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(HeaderScheme, document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(QueryScheme, document)] = [] },
        ];
        return Task.CompletedTask;
    }

    private static OpenApiSecurityScheme Key(ParameterLocation location, string name) => new()
    {
        Type = SecuritySchemeType.ApiKey,
        In = location,
        Name = name,
        Description = "A function key in Azure; Fetch:ApiKey on the local host, when set.",
    };
}
