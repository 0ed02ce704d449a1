using System.Text.Json.Serialization;

namespace FunctionsFetch.Fetching;

/// <summary>
/// What an earlier job's fetch of the same URL left, for a conditional re-fetch (<c>revalidate</c>): the validators to
/// send (<c>If-None-Match</c>, <c>If-Modified-Since</c>) and the facts a <c>304 Not Modified</c> keeps from it.
/// </summary>
/// <param name="Index">The result index, in the job that revalidates, this prior result stands for.</param>
/// <param name="FinalUrl">The URL the earlier answer came from (after redirects): the validators belong to it, and go only to it.</param>
/// <param name="ETag">The earlier answer's <c>ETag</c> as it was sent, or null.</param>
/// <param name="LastModified">The earlier answer's <c>Last-Modified</c>, or null.</param>
/// <param name="Sha256">The earlier body's SHA-256, kept by a 304.</param>
/// <param name="Bytes">The earlier body's length, kept by a 304.</param>
/// <param name="ContentType">The earlier answer's Content-Type, kept by a 304.</param>
/// <param name="BodyBlob">The earlier job's saved body, referenced (never copied) by a 304; null when none was saved.</param>
public sealed record PriorResult(
    int Index,
    string? FinalUrl,
    [property: JsonPropertyName("etag")] string? ETag,
    DateTimeOffset? LastModified,
    string? Sha256,
    long Bytes,
    string? ContentType,
    string? BodyBlob)
{
    /// <summary>
    /// The prior result an earlier <paramref name="result"/> gives the URL at <paramref name="index"/>, or null when it has
    /// nothing to revalidate: it failed, was no success, or came without an <c>ETag</c> or <c>Last-Modified</c>.
    /// </summary>
    public static PriorResult? From(int index, UrlResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var success = result.Error is null && result.StatusCode is (>= 200 and < 300) or 304;
        return success && (result.ETag is not null || result.LastModified is not null)
            ? new PriorResult(index, result.FinalUrl ?? result.Url, result.ETag, result.LastModified, result.Sha256, result.Bytes, result.ContentType, result.BodyBlob)
            : null;
    }

    /// <summary>Whether the validators belong to <paramref name="hop"/>: the URL the earlier answer came from.</summary>
    public bool AppliesTo(Uri hop)
    {
        ArgumentNullException.ThrowIfNull(hop);
        return FinalUrl is null || string.Equals(FinalUrl, hop.AbsoluteUri, StringComparison.Ordinal);
    }

    /// <summary>A <c>304</c> answer as a result: a success that keeps the earlier body's facts, and the newer validators when the server sent any.</summary>
    public UrlResult NotModified(UrlResult answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return answer with
        {
            Bytes = Bytes,
            Sha256 = Sha256,
            ContentType = ContentType,
            BodyBlob = BodyBlob,
            NotModified = true,
            ETag = answer.ETag ?? ETag,
            LastModified = answer.LastModified ?? LastModified,
        };
    }
}
