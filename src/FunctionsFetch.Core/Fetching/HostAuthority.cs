using System.Globalization;

namespace FunctionsFetch.Fetching;

/// <summary>A host as politeness counts it: its authority with the scheme (scheme, host and port), lowercase.</summary>
public static class HostAuthority
{
    /// <summary><c>https://example.com:443</c> for <c>https://Example.com/a</c>: the default port is written, so one host has one name.</summary>
    public static string Of(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return string.Create(CultureInfo.InvariantCulture, $"{url.Scheme}://{url.IdnHost.ToLowerInvariant()}:{url.Port}");
    }
}
