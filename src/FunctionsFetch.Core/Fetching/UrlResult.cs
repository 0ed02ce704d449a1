using System.Text.Json.Serialization;

namespace FunctionsFetch.Fetching;

/// <summary>The outcome of one URL, at its position in the job's input.</summary>
/// <param name="BodyBlob">The stored body's name (with <c>saveBodies</c>), or null when none was stored.</param>
/// <param name="ETag">The final response's <c>ETag</c> as sent (for a later <c>If-None-Match</c>), or null.</param>
/// <param name="LastModified">The final response's <c>Last-Modified</c>, in UTC, or null.</param>
/// <param name="NotModified">
/// A <c>304</c> to a conditional re-fetch (<c>revalidate</c>): the body is the earlier job's, whose SHA-256, size, Content-Type
/// and saved body the result keeps. Written only when true.
/// </param>
public sealed record UrlResult(
    int Index,
    string Url,
    string? FinalUrl,
    int? StatusCode,
    long ElapsedMs,
    long Bytes,
    string? Sha256,
    string? ContentType,
    int Attempts,
    FetchError? Error,
    string? BodyBlob = null,
    [property: JsonPropertyName("etag")] string? ETag = null,
    DateTimeOffset? LastModified = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool NotModified = false)
{
    /// <summary>An error, or an answer of 400 and above, counts as failed.</summary>
    [JsonIgnore]
    public bool IsFailure => Error is not null || StatusCode >= 400;

    /// <summary>The result for a URL that was never fetched.</summary>
    public static UrlResult NotFetched(int index, string url, FetchErrorKind kind, string message, long elapsedMs = 0, int attempts = 0) =>
        new(index, url, FinalUrl: null, StatusCode: null, elapsedMs, Bytes: 0, Sha256: null, ContentType: null, attempts, new FetchError(kind, message));
}
