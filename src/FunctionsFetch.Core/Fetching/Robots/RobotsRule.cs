namespace FunctionsFetch.Fetching.Robots;

/// <summary>One <c>Allow</c> or <c>Disallow</c> line of a group, its pattern normalized (see <see cref="RobotsPath"/>).</summary>
public sealed class RobotsRule
{
    private readonly string _pattern;
    private readonly bool _anchored;

    public RobotsRule(bool allow, string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        Allow = allow;
        Pattern = pattern;
        var normalized = RobotsPath.NormalizePattern(pattern);
        _anchored = normalized.EndsWith('$');
        _pattern = _anchored ? normalized[..^1] : normalized;

        // RFC 9309 2.2.2: the most specific match is the one with the most octets.
        Specificity = normalized.Length;
    }

    public bool Allow { get; }

    /// <summary>The pattern as the file wrote it.</summary>
    public string Pattern { get; }

    public int Specificity { get; }

    /// <summary>Whether the pattern matches the start of <paramref name="normalizedPath"/> (all of it, when it ends in <c>$</c>).</summary>
    internal bool Matches(string normalizedPath)
    {
        // The pattern must match a prefix: an unanchored pattern is one with a trailing wildcard.
        var path = 0;
        var pattern = 0;
        var starPattern = -1;
        var starPath = 0;
        while (pattern < _pattern.Length || (_anchored && path < normalizedPath.Length))
        {
            if (pattern < _pattern.Length && _pattern[pattern] == '*')
            {
                starPattern = pattern++;
                starPath = path;
            }
            else if (pattern < _pattern.Length && path < normalizedPath.Length && _pattern[pattern] == normalizedPath[path])
            {
                pattern++;
                path++;
            }
            else if (starPattern >= 0 && starPath < normalizedPath.Length)
            {
                // Let the last wildcard swallow one more character and try again from there.
                pattern = starPattern + 1;
                path = ++starPath;
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() => $"{(Allow ? "Allow" : "Disallow")}: {Pattern}";
}
