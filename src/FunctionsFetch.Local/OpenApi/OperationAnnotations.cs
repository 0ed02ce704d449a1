using Microsoft.OpenApi;

namespace FunctionsFetch.Local.OpenApi;

/// <summary>
/// What the OpenAPI document cannot infer from routes whose handlers read the request themselves: query parameters,
/// response headers, and the bodies that are not JSON (text/plain starts, NDJSON and CSV results, stored bodies).
/// </summary>
internal static class OperationAnnotations
{
    public const string NdjsonContentType = "application/x-ndjson";
    public const string CsvContentType = "text/csv";

    /// <summary>An optional query parameter.</summary>
    public static RouteHandlerBuilder WithQuery(this RouteHandlerBuilder builder, string name, JsonSchemaType type, string description, params string[] values) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            var schema = new OpenApiSchema { Type = type };
            if (values.Length > 0)
            {
                schema.Enum = [.. values.Select(v => (System.Text.Json.Nodes.JsonNode)v!)];
            }

            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter { Name = name, In = ParameterLocation.Query, Description = description, Schema = schema });
            return Task.CompletedTask;
        });

    /// <summary>A header the response with <paramref name="status"/> carries.</summary>
    public static RouteHandlerBuilder WithResponseHeader(this RouteHandlerBuilder builder, int status, string name, JsonSchemaType type, string description) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Responses?.TryGetValue(Code(status), out var response) == true && response is OpenApiResponse concrete)
            {
                concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                concrete.Headers[name] = new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = type } };
            }

            return Task.CompletedTask;
        });

    /// <summary>The 200 answer also as NDJSON (one result a line) and CSV: text whose rows are those of the JSON.</summary>
    public static RouteHandlerBuilder WithResultFormats(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Responses?.TryGetValue(Code(StatusCodes.Status200OK), out var response) == true && response is OpenApiResponse concrete)
            {
                concrete.Content ??= new Dictionary<string, OpenApiMediaType>();
                concrete.Content[NdjsonContentType] = Text("One result (the JSON result object) per line.");
                concrete.Content[CsvContentType] = Text("A header row, then one RFC 4180 row per result.");
            }

            return Task.CompletedTask;
        });

    /// <summary>
    /// A JSON request body of <typeparamref name="T"/>'s shape, described in the document only. <c>Accepts</c> would also make routing
    /// answer 415 to any other Content-Type before the handler, whose own answer (a 400 problem that names the media types
    /// it takes) is the API's contract.
    /// </summary>
    public static RouteHandlerBuilder WithJsonBody<T>(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            // Named in the document's components, as the schemas of the typed answers are.
            var schema = await context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken);
            IOpenApiSchema body = schema;
            if (context.Document is { } document)
            {
                document.AddComponent(typeof(T).Name, schema);
                body = new OpenApiSchemaReference(typeof(T).Name, document);
            }

            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = body } },
            };
        });

    /// <summary>The request body may also be <c>text/plain</c>: one URL a line, the server's default options.</summary>
    public static RouteHandlerBuilder WithPlainTextBody(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.RequestBody is OpenApiRequestBody body)
            {
                body.Content ??= new Dictionary<string, OpenApiMediaType>();
                body.Content["text/plain"] = Text("One URL a line; blank lines and lines starting with # are skipped.");
            }

            return Task.CompletedTask;
        });

    /// <summary>A 200 whose body is any bytes, served with the content type it was fetched with.</summary>
    public static RouteHandlerBuilder WithAnyBody(this RouteHandlerBuilder builder, string description) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Responses ??= [];
            operation.Responses[Code(StatusCodes.Status200OK)] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["*/*"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                },
            };
            return Task.CompletedTask;
        });

    private static OpenApiMediaType Text(string description) =>
        new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = description } };

    private static string Code(int status) => status.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
