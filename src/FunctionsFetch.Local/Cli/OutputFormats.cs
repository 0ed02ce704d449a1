using FunctionsFetch.Client;

namespace FunctionsFetch.Local.Cli;

/// <summary>The results' format: <c>--format</c> when given, else the <c>--out</c> file's extension, else JSON.</summary>
internal static class OutputFormats
{
    public static readonly string[] Names = ["json", "ndjson", "csv"];

    public static ResultFormat Choose(string? format, string? outPath)
    {
        if (!string.IsNullOrEmpty(format))
        {
            return format.ToUpperInvariant() switch
            {
                "JSON" => ResultFormat.Json,
                "NDJSON" => ResultFormat.Ndjson,
                "CSV" => ResultFormat.Csv,
                _ => throw new CliException($"format must be json, ndjson or csv (was '{format}').", ExitCodes.Usage),
            };
        }

        return Path.GetExtension(outPath)?.ToUpperInvariant() switch
        {
            ".NDJSON" or ".JSONL" => ResultFormat.Ndjson,
            ".CSV" => ResultFormat.Csv,
            _ => ResultFormat.Json,
        };
    }
}
