using System.Globalization;
using System.Text.Json.Nodes;

namespace FunctionsFetch.IntegrationTests.OpenApi;

/// <summary>
/// Checks a JSON value against a schema of an OpenAPI 3.1 document, for the keywords the document uses: <c>$ref</c> into
/// its components, <c>type</c> (one or a list), <c>enum</c>, <c>properties</c>, <c>required</c>, <c>items</c>,
/// <c>additionalProperties</c> and <c>oneOf</c>/<c>anyOf</c>/<c>allOf</c>. Strict: a property the schema does not declare
/// is an error too, unless the schema allows others, so an answer cannot carry what the document leaves out.
/// </summary>
public sealed class OpenApiSchemaValidator(JsonNode document)
{
    /// <summary>The schema of an operation's answer, or null when the document does not declare that status and content type.</summary>
    public JsonNode? ResponseSchema(string path, string method, int status, string contentType) =>
        document["paths"]?[path]?[method]?["responses"]?[status.ToString(CultureInfo.InvariantCulture)]?["content"]?[contentType]?["schema"];

    /// <summary>The statuses an operation declares.</summary>
    public IReadOnlyList<int> Statuses(string path, string method) =>
        document["paths"]?[path]?[method]?["responses"]?.AsObject().Select(r => int.Parse(r.Key, CultureInfo.InvariantCulture)).ToArray() ?? [];

    /// <summary>Every way <paramref name="value"/> breaks <paramref name="schema"/>, each with where; empty when it conforms.</summary>
    public IReadOnlyList<string> Validate(JsonNode? value, JsonNode schema, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var errors = new List<string>();
        Check(value, schema, "$", errors, strict);
        return errors;
    }

    private void Check(JsonNode? value, JsonNode schema, string at, List<string> errors, bool strict)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            Check(value, Resolve(reference), at, errors, strict);
            return;
        }

        if (schema["allOf"] is JsonArray all)
        {
            foreach (var part in all)
            {
                Check(value, part!, at, errors, strict);
            }
        }

        foreach (var (keyword, exactlyOne) in new[] { ("oneOf", true), ("anyOf", false) })
        {
            if (schema[keyword] is JsonArray options)
            {
                var matches = options.Count(option => Validate(value, option!, strict).Count == 0);
                if (exactlyOne ? matches != 1 : matches == 0)
                {
                    errors.Add($"{at}: matches {matches} of the {keyword} schemas");
                }
            }
        }

        var kind = KindOf(value);
        if (schema["type"] is { } type && !Allows(type, kind))
        {
            errors.Add($"{at}: is {kind}, the schema says {type.ToJsonString()}");
            return;
        }

        if (schema["enum"] is JsonArray values && !values.Any(v => JsonNode.DeepEquals(v, value)))
        {
            errors.Add($"{at}: {value?.ToJsonString()} is not one of {values.ToJsonString()}");
        }

        if (value is JsonObject obj)
        {
            CheckObject(obj, schema, at, errors, strict);
        }
        else if (value is JsonArray array && schema["items"] is { } items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Check(array[i], items, $"{at}[{i}]", errors, strict);
            }
        }
    }

    private void CheckObject(JsonObject obj, JsonNode schema, string at, List<string> errors, bool strict)
    {
        foreach (var name in schema["required"]?.AsArray().Select(n => n!.GetValue<string>()) ?? [])
        {
            if (!obj.ContainsKey(name))
            {
                errors.Add($"{at}: lacks the required {name}");
            }
        }

        var properties = schema["properties"]?.AsObject();
        foreach (var (name, child) in obj)
        {
            if (properties?[name] is { } declared)
            {
                Check(child, declared, $"{at}.{name}", errors, strict);
            }
            else if (schema["additionalProperties"] is JsonObject others)
            {
                Check(child, others, $"{at}.{name}", errors, strict);
            }
            else if (strict && properties is not null && schema["additionalProperties"]?.GetValue<bool>() != true)
            {
                errors.Add($"{at}: has {name}, which the schema does not declare");
            }
        }
    }

    private JsonNode Resolve(string reference)
    {
        const string Prefix = "#/components/schemas/";
        if (!reference.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new NotSupportedException($"Only references to component schemas are followed: {reference}");
        }

        return document["components"]?["schemas"]?[reference[Prefix.Length..]] ?? throw new InvalidOperationException($"{reference} does not resolve.");
    }

    private static bool Allows(JsonNode type, string kind)
    {
        var allowed = type is JsonArray list ? list.Select(t => t!.GetValue<string>()).ToArray() : [type.GetValue<string>()];
        return allowed.Contains(kind) || (kind == "integer" && allowed.Contains("number"));
    }

    private static string KindOf(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v when v.TryGetValue<bool>(out _) => "boolean",
        JsonValue v when v.TryGetValue<string>(out _) => "string",
        JsonValue v when v.TryGetValue<long>(out _) => "integer",
        _ => "number",
    };
}
