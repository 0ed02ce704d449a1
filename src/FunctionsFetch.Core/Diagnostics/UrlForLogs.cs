namespace FunctionsFetch.Diagnostics;

/// <summary>
/// How a fetched URL appears in logs and telemetry: query strings and credentials can hold tokens, so by
/// default only the scheme, host, port and path are kept, and a query shows as <c>?*</c> (as .NET's own
/// HttpClient logs show it).
/// </summary>
public static class UrlForLogs
{
    private const string RedactedQuery = "?*";

    /// <param name="url">The URL as given or followed.</param>
    /// <param name="keepQuery"><c>Fetch:LogUrlQueries</c>: keep the query string as it is.</param>
    public static string Redact(string url, bool keepQuery)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            // Not a URL we could parse: still never show what follows '?' or '#'.
            var cut = url.IndexOfAny(['?', '#']);
            return keepQuery || cut < 0 ? url : string.Concat(url.AsSpan(0, cut), url[cut] == '?' ? RedactedQuery : string.Empty);
        }

        // User info (user:password@) is never kept: it is a credential by definition.
        var kept = uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        if (uri.Query.Length == 0)
        {
            return kept;
        }

        return keepQuery ? kept + uri.Query : kept + RedactedQuery;
    }
}
