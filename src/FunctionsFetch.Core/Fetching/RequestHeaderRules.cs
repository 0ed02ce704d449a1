using System.Buffers;

namespace FunctionsFetch.Fetching;

/// <summary>
/// What a job's request header may be. The names the HTTP client manages itself (framing, connection, host) and
/// <c>Cookie</c> (the fetch client keeps no cookies, and a job's would ride every redirect) are refused; so are
/// <c>Content-*</c> headers, as GET and HEAD send no body. A value is visible ASCII, spaces and tabs: CR or LF would
/// split the header, and the client sends no other bytes. No message repeats a value, which may be a secret.
/// </summary>
public static class RequestHeaderRules
{
    public static IReadOnlyList<string> RefusedNames { get; } =
    [
        "Host", "Content-Length", "Transfer-Encoding", "Connection", "Cookie",
        "Keep-Alive", "Proxy-Connection", "Upgrade", "TE", "Trailer", "Expect",
    ];

    /// <summary>RFC 9110's token characters.</summary>
    private static readonly SearchValues<char> TokenCharacters =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    public const string NotAToken = "is not a valid header name (an HTTP token: letters, digits and !#$%&'*+-.^_`|~)";

    /// <summary>Whether <paramref name="name"/> is an HTTP token, so a message may repeat it.</summary>
    public static bool IsToken(string name) => name.Length > 0 && name.AsSpan().IndexOfAnyExcept(TokenCharacters) < 0;

    /// <summary>What is wrong with the header, for a message that starts with its location; null when it may be sent.</summary>
    /// <param name="name">The header's name.</param>
    /// <param name="value">Its value; checked, never repeated.</param>
    public static string? Check(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        if (!IsToken(name))
        {
            return NotAToken;
        }

        if (RefusedNames.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return $"may not be set: {string.Join(", ", RefusedNames)} are managed by the fetch client or refused";
        }

        if (name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
        {
            return "may not be set: a GET or HEAD request has no body for a Content-* header to describe";
        }

        if (value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            return "has a CR, LF or NUL character in its value, which would split or end the header";
        }

        foreach (var c in value)
        {
            if (c != '\t' && (c < ' ' || c > '~'))
            {
                return $"has the character U+{(int)c:X4} in its value; a header value holds visible ASCII, spaces and tabs";
            }
        }

        return null;
    }
}
