namespace FunctionsFetch.Api;

/// <summary>Picks the format from <c>?format=</c>, else from the Accept header; JSON by default.</summary>
public static class ResultFormats
{
    public const string NdjsonContentType = "application/x-ndjson; charset=utf-8";
    public const string CsvContentType = "text/csv; charset=utf-8";

    public static ResultFormat? Parse(string? format, string? accept, out string? problem)
    {
        problem = null;
        switch (format?.ToUpperInvariant())
        {
            case null or "":
                return accept is not null && accept.Contains("application/x-ndjson", StringComparison.OrdinalIgnoreCase) ? ResultFormat.Ndjson
                    : accept is not null && accept.Contains("text/csv", StringComparison.OrdinalIgnoreCase) ? ResultFormat.Csv
                    : ResultFormat.Json;
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
