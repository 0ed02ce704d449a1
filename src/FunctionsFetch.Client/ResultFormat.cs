namespace FunctionsFetch.Client;

/// <summary>How a finished job's results come back: one JSON document, NDJSON lines, or CSV rows (<c>?format=</c>).</summary>
public enum ResultFormat
{
    Json,
    Ndjson,
    Csv,
}
