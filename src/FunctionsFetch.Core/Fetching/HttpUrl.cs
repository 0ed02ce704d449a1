using System.Diagnostics.CodeAnalysis;

namespace FunctionsFetch.Fetching;

/// <summary>The one definition of a fetchable URL: absolute, http or https, with a host.</summary>
public static class HttpUrl
{
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

    public static bool TryResolve(Uri baseUri, Uri location, [NotNullWhen(true)] out Uri? resolved)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        ArgumentNullException.ThrowIfNull(location);
        resolved = location.IsAbsoluteUri ? location : new Uri(baseUri, location);
        if (IsFetchable(resolved))
        {
            return true;
        }

        resolved = null;
        return false;
    }

    private static bool IsFetchable(Uri uri) =>
        (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && !string.IsNullOrEmpty(uri.Host);
}
