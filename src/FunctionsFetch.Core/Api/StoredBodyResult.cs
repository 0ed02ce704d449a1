using FunctionsFetch.Storage;
using Microsoft.AspNetCore.Http;

namespace FunctionsFetch.Api;

/// <summary>A saved body as the API's answer: its own bytes and Content-Type, streamed from the store.</summary>
public static class StoredBodyResult
{
    public const string FallbackContentType = "application/octet-stream";

    // The bytes are whatever a URL sent; served from the API's origin they must not run as a page there.
    private static readonly Dictionary<string, string> Headers = new()
    {
        ["X-Content-Type-Options"] = "nosniff",
        ["Content-Security-Policy"] = "sandbox",
    };

    public static IResult From(StoredBody body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        return ApiResults.Stream(body.ContentType ?? FallbackContentType, async stream =>
        {
            await using (body.Content)
            {
                await body.Content.CopyToAsync(stream, cancellationToken);
            }
        }, Headers);
    }
}
