namespace FunctionsFetch.Client;

/// <summary>
/// The outcome of one URL, at its position in the job's input: a JSON document's entry, an NDJSON line.
/// A non-2xx <see cref="StatusCode"/> is an answer, not an <see cref="Error"/>; null when no answer came.
/// </summary>
/// <param name="BodyBlob">The saved body's name (with <c>saveBodies</c>), or null when none was saved.</param>
/// <param name="ETag">The final response's <c>ETag</c> as sent, or null.</param>
/// <param name="LastModified">The final response's <c>Last-Modified</c>, in UTC, or null.</param>
/// <param name="NotModified">A <c>304</c> to a revalidating job's conditional request: the body facts are the earlier job's.</param>
public sealed record ResultRow(
    int Index,
    string Url,
    string? FinalUrl,
    int? StatusCode,
    long ElapsedMs,
    long Bytes,
    string? Sha256,
    string? ContentType,
    int Attempts,
    ResultError? Error,
    string? BodyBlob = null,
    [property: System.Text.Json.Serialization.JsonPropertyName("etag")] string? ETag = null,
    DateTimeOffset? LastModified = null,
    bool NotModified = false);
