using System.Buffers;

namespace FunctionsFetch.Fetching;

/// <summary>
/// The rules a URL given in a request must keep as written, in one place for the job's URLs and its callback URL: at most
/// the server's length, no surrounding whitespace or control character (<see cref="Uri"/> would trim or percent-encode them
/// and so fetch another URL than the one given), an absolute http or https URL, and no user info (credentials are never
/// sent, so they are refused rather than stored). Each reader words its own answer.
/// </summary>
public static class UrlSpelling
{
    /// <summary>Unicode's control characters (<see cref="char.IsControl(char)"/>): C0, DEL and C1.</summary>
    private static readonly SearchValues<char> ControlCharacters =
        SearchValues.Create([.. Enumerable.Range(0, 0xA0).Select(c => (char)c).Where(char.IsControl)]);

    /// <summary>The first rule <paramref name="url"/> breaks, and where (for a control character); its parsed form when none.</summary>
    public static (UrlSpellingFault Fault, int Position, Uri? Uri) Check(string url, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Length > maxLength)
        {
            return (UrlSpellingFault.TooLong, 0, null);
        }

        if (url.Length > 0 && (char.IsWhiteSpace(url[0]) || char.IsWhiteSpace(url[^1])))
        {
            return (UrlSpellingFault.SurroundingWhitespace, 0, null);
        }

        var control = url.AsSpan().IndexOfAny(ControlCharacters);
        if (control >= 0)
        {
            return (UrlSpellingFault.ControlCharacter, control, null);
        }

        if (!HttpUrl.TryParse(url, out var uri))
        {
            return (UrlSpellingFault.NotHttp, 0, null);
        }

        return HttpUrl.HasUserInfo(uri) ? (UrlSpellingFault.UserInfo, 0, null) : (UrlSpellingFault.None, 0, uri);
    }
}
