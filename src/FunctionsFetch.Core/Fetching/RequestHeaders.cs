using System.Text;

namespace FunctionsFetch.Fetching;

/// <summary>
/// A job's own request headers, validated (<see cref="RequestHeaderRules"/>), in the order given. Their values may
/// hold tokens, so they live only in the job store: <see cref="ToString"/> names the headers and never shows a value,
/// and no orchestration input, result or log carries this type.
/// </summary>
public sealed class RequestHeaders
{
    /// <summary>Headers dropped when a redirect leaves the job URL's authority (scheme, host and port): they carry credentials.</summary>
    public static IReadOnlyList<string> CredentialHeaders { get; } = ["Authorization", "Proxy-Authorization"];

    public RequestHeaders(IReadOnlyList<KeyValuePair<string, string>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = entries;
    }

    public IReadOnlyList<KeyValuePair<string, string>> Entries { get; }

    public IEnumerable<string> Names => Entries.Select(e => e.Key);

    /// <summary>Every name and value, in UTF-8 bytes: what <c>Fetch:MaxRequestHeaderBytes</c> caps.</summary>
    public long Size => Entries.Sum(e => (long)Encoding.UTF8.GetByteCount(e.Key) + Encoding.UTF8.GetByteCount(e.Value));

    /// <summary>The headers to send to <paramref name="target"/> for a job URL <paramref name="origin"/>: all of them on its authority, none of the credentials elsewhere.</summary>
    public IEnumerable<KeyValuePair<string, string>> For(Uri origin, Uri target)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(target);
        var sameAuthority = string.Equals(HostAuthority.Of(origin), HostAuthority.Of(target), StringComparison.Ordinal);
        return sameAuthority ? Entries : Entries.Where(e => !IsCredential(e.Key));
    }

    /// <summary>The names only: a value must never reach a log by way of string formatting.</summary>
    public override string ToString() => string.Join(", ", Names);

    private static bool IsCredential(string name) => CredentialHeaders.Contains(name, StringComparer.OrdinalIgnoreCase);
}
