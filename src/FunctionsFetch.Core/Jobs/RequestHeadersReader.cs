using System.Text.Json;
using FunctionsFetch.Configuration;
using FunctionsFetch.Fetching;

namespace FunctionsFetch.Jobs;

/// <summary>
/// Reads a start request's <c>options.headers</c>: an object of header names to string values, within
/// <c>Fetch:MaxRequestHeaders</c> and <c>Fetch:MaxRequestHeaderBytes</c>, each header allowed by <see cref="RequestHeaderRules"/>.
/// Header names are case-insensitive, so two that differ only by case are a duplicate. Problems name the header (by position when
/// its name is no token), never its value.
/// </summary>
internal static class RequestHeadersReader
{
    public const string OptionName = "headers";

    /// <summary>The headers, or null with no problem when the object is empty.</summary>
    public static RequestHeaders? Read(JsonElement element, FetchOptions options, out string? problem)
    {
        problem = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            problem = $"options.{OptionName} must be an object of header names to string values, such as {{\"Accept\": \"text/html\"}}.";
            return null;
        }

        var entries = new List<KeyValuePair<string, string>>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in element.EnumerateObject())
        {
            if (entries.Count == options.MaxRequestHeaders)
            {
                problem = $"options.{OptionName} holds more than {options.MaxRequestHeaders} headers (Fetch:MaxRequestHeaders).";
                return null;
            }

            // A name that is no token may hold control characters: it is never repeated, in the answer or the log.
            if (!RequestHeaderRules.IsToken(header.Name))
            {
                problem = $"options.{OptionName}: header #{entries.Count + 1} {RequestHeaderRules.NotAToken}.";
                return null;
            }

            if (!seen.Add(header.Name))
            {
                problem = $"Duplicate header '{header.Name}' in options.{OptionName}: header names are case-insensitive, so each may appear only once.";
                return null;
            }

            if (header.Value.ValueKind != JsonValueKind.String)
            {
                problem = $"options.{OptionName}.{header.Name} must be a string.";
                return null;
            }

            var value = header.Value.GetString()!;
            if (RequestHeaderRules.Check(header.Name, value) is { } rule)
            {
                problem = $"options.{OptionName}.{header.Name} {rule}.";
                return null;
            }

            entries.Add(new(header.Name, value));
        }

        var headers = new RequestHeaders(entries);
        if (headers.Size > options.MaxRequestHeaderBytes)
        {
            problem = $"options.{OptionName} is {headers.Size} bytes of names and values; the limit is {options.MaxRequestHeaderBytes} (Fetch:MaxRequestHeaderBytes).";
            return null;
        }

        return entries.Count == 0 ? null : headers;
    }
}
