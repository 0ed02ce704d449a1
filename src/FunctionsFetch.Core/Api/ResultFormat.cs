namespace FunctionsFetch.Api;

/// <summary>How a finished job's results are written: one JSON document, NDJSON lines, or CSV rows.</summary>
public enum ResultFormat
{
    Json,
    Ndjson,
    Csv,
}
