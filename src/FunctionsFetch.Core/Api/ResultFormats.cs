namespace FunctionsFetch.Api;

/// <summary>Picks the format from <c>?format=</c>, else from the Accept header or the route's default.</summary>
public static class ResultFormats
{
    public const string NdjsonContentType = "application/x-ndjson; charset=utf-8";
    public const string CsvContentType = "text/csv; charset=utf-8";

    /// <summary>The format <c>?format=</c> names, else the one the Accept header asks for, else JSON; null (and why) for a name not known.</summary>
    public static ResultFormat? Parse(string? format, string? accept, out string? problem) =>
        Parse(format, absent: accept is not null && accept.Contains("application/x-ndjson", StringComparison.OrdinalIgnoreCase) ? ResultFormat.Ndjson
            : accept is not null && accept.Contains("text/csv", StringComparison.OrdinalIgnoreCase) ? ResultFormat.Csv
            : ResultFormat.Json, out problem);

    /// <summary>The format <c>?format=</c> names, else <paramref name="absent"/>; null (and why) for a name not known.</summary>
    public static ResultFormat? Parse(string? format, ResultFormat absent, out string? problem)
    {
        problem = null;
        switch (format?.ToUpperInvariant())
        {
            case null or "":
                return absent;
            case "JSON":
                return ResultFormat.Json;
            case "NDJSON":
                return ResultFormat.Ndjson;
            case "CSV":
                return ResultFormat.Csv;
            default:
                problem = $"format must be json, ndjson or csv (was '{format}').";
                return null;
        }
    }
}
