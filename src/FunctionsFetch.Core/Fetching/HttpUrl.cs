using System.Diagnostics.CodeAnalysis;

namespace FunctionsFetch.Fetching;

/// <summary>The one definition of a fetchable URL: absolute, http or https, with a host.</summary>
public static class HttpUrl
{
    private const UriComponents WithoutUserInfo = UriComponents.AbsoluteUri & ~UriComponents.UserInfo;

    public static bool TryParse(string? text, [NotNullWhen(true)] out Uri? uri)
    {
        uri = null;
        if (string.IsNullOrWhiteSpace(text) || !Uri.TryCreate(text, UriKind.Absolute, out var parsed))
        {
            return false;
        }

        if (!IsFetchable(parsed))
        {
            return false;
        }

        uri = parsed;
        return true;
    }

    /// <summary>
    /// A redirect's target. Any user info in it (<c>user:pass@</c>) is dropped: credentials are never sent,
    /// and a URL that is fetched and recorded as <c>finalUrl</c> must not carry them.
    /// </summary>
    public static bool TryResolve(Uri baseUri, Uri location, [NotNullWhen(true)] out Uri? resolved)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        ArgumentNullException.ThrowIfNull(location);
        resolved = location.IsAbsoluteUri ? location : new Uri(baseUri, location);
        if (IsFetchable(resolved))
        {
            if (HasUserInfo(resolved))
            {
                resolved = new Uri(resolved.GetComponents(WithoutUserInfo, UriFormat.UriEscaped));
            }

            return true;
        }

        resolved = null;
        return false;
    }

    /// <summary>Whether the URL has user info before its host (<c>user:pass@</c>, <c>token@</c>, even a bare <c>@</c>).</summary>
    public static bool HasUserInfo(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.IsAbsoluteUri &&
            !string.Equals(uri.GetComponents(UriComponents.AbsoluteUri, UriFormat.UriEscaped), uri.GetComponents(WithoutUserInfo, UriFormat.UriEscaped), StringComparison.Ordinal);
    }

    private static bool IsFetchable(Uri uri) =>
        (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && !string.IsNullOrEmpty(uri.Host);
}
