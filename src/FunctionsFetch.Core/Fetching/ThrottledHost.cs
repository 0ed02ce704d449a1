namespace FunctionsFetch.Fetching;

/// <summary>A host that slowed a job down: how many fetches to it may run at once now, and until when it asked for none.</summary>
/// <param name="Host">Its authority (<see cref="HostAuthority"/>).</param>
/// <param name="Concurrency">Fetches to it allowed in flight in the instance that reported it, after backing off.</param>
/// <param name="RetryAfter">The end of its last <c>Retry-After</c> (UTC) while that is still ahead; null otherwise.</param>
public sealed record ThrottledHost(string Host, int Concurrency, DateTimeOffset? RetryAfter)
{
    /// <summary>Most hosts a job's status lists.</summary>
    public const int MaxListed = 20;

    /// <summary>The most throttled first: the lowest concurrency, then the latest hold; at most <see cref="MaxListed"/>.</summary>
    public static IReadOnlyList<ThrottledHost> MostThrottled(IEnumerable<ThrottledHost> hosts) =>
        hosts.OrderBy(h => h.Concurrency)
            .ThenByDescending(h => h.RetryAfter ?? DateTimeOffset.MinValue)
            .ThenBy(h => h.Host, StringComparer.Ordinal)
            .Take(MaxListed)
            .ToArray();
}
