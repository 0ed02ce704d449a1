namespace FunctionsFetch.Fetching.Robots;

/// <summary>What one host's robots.txt says to us: the rules of the group that applies, merged, and its <c>Crawl-delay</c>.</summary>
public sealed class RobotsRules
{
    private readonly RobotsRule[] _rules;

    public RobotsRules(IEnumerable<RobotsRule> rules, TimeSpan? crawlDelay = null, string? unavailable = null)
    {
        ArgumentNullException.ThrowIfNull(rules);

        // Most specific first, an Allow before an equal Disallow (RFC 9309 2.2.2: the least restrictive wins a tie).
        _rules = [.. rules.OrderByDescending(r => r.Specificity).ThenByDescending(r => r.Allow)];
        CrawlDelay = crawlDelay;
        Unavailable = unavailable;
    }

    /// <summary>No robots.txt, or one with nothing for us: everything may be fetched.</summary>
    public static RobotsRules AllowAll { get; } = new([]);

    /// <summary>What an unreachable robots.txt means (RFC 9309 2.3.1.4): nothing may be fetched; <paramref name="reason"/> says why.</summary>
    public static RobotsRules DisallowAll(string reason) => new([new RobotsRule(allow: false, "/")], unavailable: reason);

    /// <summary>The least spacing the host asks for between two requests, or null.</summary>
    public TimeSpan? CrawlDelay { get; }

    /// <summary>When every path is disallowed because robots.txt could not be read: why; otherwise null.</summary>
    public string? Unavailable { get; }

    public IReadOnlyList<RobotsRule> Rules => _rules;

    public bool IsAllowed(string pathAndQuery) => FindDecidingRule(pathAndQuery) is not { Allow: false };

    /// <summary>The most specific rule matching <paramref name="pathAndQuery"/>, or null when none does (allowed).</summary>
    public RobotsRule? FindDecidingRule(string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var path = RobotsPath.NormalizeUrl(pathAndQuery);

        // RFC 9309 2.2.2: /robots.txt itself is always allowed.
        if (path.Equals("/robots.txt", StringComparison.Ordinal))
        {
            return null;
        }

        return _rules.FirstOrDefault(r => r.Matches(path));
    }
}
