using System.Text;

namespace FunctionsFetch.Fetching.Robots;

/// <summary>
/// Brings a URL path and a rule's pattern to one spelling before they are compared (RFC 9309 section 2.2.2):
/// non-ASCII characters percent-encoded as UTF-8, percent-encoded unreserved characters decoded, every other
/// escape kept with uppercase hex.
/// </summary>
internal static class RobotsPath
{
    /// <summary>A URL's path and query; a literal <c>*</c> or <c>$</c> in it is encoded so only an encoded pattern matches it.</summary>
    public static string NormalizeUrl(string pathAndQuery)
    {
        var normalized = Normalize(pathAndQuery, isPattern: false);
        return normalized.Length == 0 || normalized[0] != '/' ? "/" + normalized : normalized;
    }

    /// <summary>A rule's pattern: <c>*</c> stays a wildcard; <c>$</c> is an anchor only at the end, elsewhere a literal.</summary>
    public static string NormalizePattern(string pattern) => Normalize(pattern, isPattern: true);

    private static string Normalize(string text, bool isPattern)
    {
        var builder = new StringBuilder(text.Length + 8);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%' && i + 2 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]))
            {
                var decoded = (char)Convert.ToByte(text.Substring(i + 1, 2), 16);
                if (IsUnreserved(decoded))
                {
                    builder.Append(decoded);
                }
                else
                {
                    builder.Append('%').Append(char.ToUpperInvariant(text[i + 1])).Append(char.ToUpperInvariant(text[i + 2]));
                }

                i += 2;
            }
            else if (c == '*' && !isPattern)
            {
                builder.Append("%2A");
            }
            else if (c == '$' && (!isPattern || i != text.Length - 1))
            {
                builder.Append("%24");
            }
            else if (c > 0x7F || char.IsControl(c) || c == ' ')
            {
                var length = Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed) == System.Buffers.OperationStatus.Done
                    ? rune.EncodeToUtf8(utf8)
                    : Rune.ReplacementChar.EncodeToUtf8(utf8);
                foreach (var b in utf8[..length])
                {
                    builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }

                i += Math.Max(consumed, 1) - 1;
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    // RFC 3986 section 2.3.
    private static bool IsUnreserved(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';
}
