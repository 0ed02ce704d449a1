using FunctionsFetch.Configuration;
using Microsoft.Extensions.Options;

namespace FunctionsFetch.Fetching.Robots;

/// <summary>What a job with <c>respectRobots</c> asks before each request: may this URL be fetched, and when.</summary>
public sealed class RobotsGate(RobotsCache cache, CrawlDelayGate spacing, IOptions<FetchOptions> options)
{
    private readonly TimeSpan _maxCrawlDelay = TimeSpan.FromSeconds(options?.Value.MaxCrawlDelaySeconds ?? throw new ArgumentNullException(nameof(options)));

    /// <summary>
    /// Null when <paramref name="target"/> may be fetched, once the host's <c>Crawl-delay</c> (capped by
    /// <c>Fetch:MaxCrawlDelaySeconds</c>) has passed since its previous request; otherwise why it may not.
    /// </summary>
    public async Task<string?> AdmitAsync(Uri target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var rules = await cache.GetAsync(target, cancellationToken);
        var authority = HostAuthority.Of(target);
        if (rules.FindDecidingRule(target.PathAndQuery) is { Allow: false } rule)
        {
            return rules.Unavailable is { } reason
                ? $"{authority}/robots.txt {reason}, so every path of the host is disallowed for now."
                : $"{authority}/robots.txt disallows '{target.PathAndQuery}' (rule '{rule}').";
        }

        if (rules.CrawlDelay is { } delay && _maxCrawlDelay > TimeSpan.Zero)
        {
            await spacing.WaitTurnAsync(authority, delay < _maxCrawlDelay ? delay : _maxCrawlDelay, cancellationToken);
        }

        return null;
    }
}
