using System.Globalization;
using System.Text;

namespace FunctionsFetch.Fetching.Robots;

/// <summary>
/// Reads a robots.txt as RFC 9309 describes it, keeping only what applies to one product token: every group
/// naming the token, merged, or else every <c>*</c> group, merged, or else nothing (all allowed).
/// </summary>
public static class RobotsTxtParser
{
    /// <summary>How much of a file is read (RFC 9309 2.5 asks for at least 500 KiB); a line cut by the limit is dropped.</summary>
    public const int MaxBytes = 500 * 1024;

    public static RobotsRules Parse(string text, string userAgentToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(userAgentToken);
        var ours = new GroupRules();
        var star = new GroupRules();
        var groupIsOurs = false;
        var groupIsStar = false;
        var inRules = false;
        var groupOpen = false;
        foreach (var line in Lines(WithinLimit(text)))
        {
            if (!TrySplit(line, out var key, out var value))
            {
                continue;
            }

            if (key.Equals("user-agent", StringComparison.OrdinalIgnoreCase))
            {
                // A user-agent line after a group's rules starts the next group.
                if (inRules)
                {
                    groupIsOurs = groupIsStar = inRules = false;
                }

                var isStar = value == "*";
                var isOurs = !isStar && ProductToken(value).Equals(userAgentToken, StringComparison.OrdinalIgnoreCase);
                groupOpen = true;
                groupIsStar |= isStar;
                groupIsOurs |= isOurs;
                ours.Seen |= isOurs;
                star.Seen |= isStar;
                continue;
            }

            var isAllow = key.Equals("allow", StringComparison.OrdinalIgnoreCase);
            var isDisallow = key.Equals("disallow", StringComparison.OrdinalIgnoreCase);
            var isDelay = key.Equals("crawl-delay", StringComparison.OrdinalIgnoreCase);

            // Other records (Sitemap, unknown keys) are skipped; rules before any user-agent line belong to no group.
            if (!(isAllow || isDisallow || isDelay) || !groupOpen)
            {
                continue;
            }

            inRules = true;
            if (groupIsOurs)
            {
                ours.Add(isDelay, isAllow, value);
            }

            if (groupIsStar)
            {
                star.Add(isDelay, isAllow, value);
            }
        }

        var chosen = ours.Seen ? ours : star.Seen ? star : null;
        return chosen is null ? RobotsRules.AllowAll : new RobotsRules(chosen.Rules, chosen.Delay);
    }

    /// <summary>The leading letters, underscores and hyphens of a user-agent value (RFC 9309 2.2.1), so "ExampleBot/1.0" is "ExampleBot".</summary>
    private static string ProductToken(string value)
    {
        var end = 0;
        while (end < value.Length && (char.IsAsciiLetter(value[end]) || value[end] is '_' or '-'))
        {
            end++;
        }

        return value[..end];
    }

    private static bool TrySplit(string line, out string key, out string value)
    {
        var comment = line.IndexOf('#', StringComparison.Ordinal);
        var content = comment >= 0 ? line[..comment] : line;
        var colon = content.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            key = value = string.Empty;
            return false;
        }

        key = content[..colon].Trim();
        value = content[(colon + 1)..].Trim();
        return key.Length > 0;
    }

    private static string WithinLimit(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        if (text.Length <= MaxBytes / 4 || Encoding.UTF8.GetByteCount(text) <= MaxBytes)
        {
            return text;
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        var kept = bytes.AsSpan(0, MaxBytes);
        var lastBreak = kept.LastIndexOfAny((byte)'\n', (byte)'\r');
        return lastBreak < 0 ? string.Empty : Encoding.UTF8.GetString(kept[..lastBreak]);
    }

    private static IEnumerable<string> Lines(string text)
    {
        using var reader = new StringReader(text);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

    /// <summary>The rules and delay gathered from every group of one kind (ours, or <c>*</c>).</summary>
    private sealed class GroupRules
    {
        public bool Seen { get; set; }

        public List<RobotsRule> Rules { get; } = [];

        public TimeSpan? Delay { get; private set; }

        public void Add(bool isDelay, bool isAllow, string value)
        {
            if (isDelay)
            {
                AddDelay(value);
            }
            else if (value.Length > 0)
            {
                // An empty Disallow (or Allow) says nothing.
                Rules.Add(new RobotsRule(isAllow, value));
            }
        }

        /// <summary>Merged groups keep the longest delay any of them asks for; an unreadable one is ignored.</summary>
        private void AddDelay(string value)
        {
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && seconds < TimeSpan.MaxValue.TotalSeconds)
            {
                var delay = TimeSpan.FromSeconds(seconds);
                Delay = Delay is { } earlier && earlier > delay ? earlier : delay;
            }
        }
    }
}
