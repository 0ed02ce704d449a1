using Polly;

namespace FunctionsFetch.Fetching;

/// <summary>Per-request values the shared resilience pipeline reads, so one pipeline serves every job's settings.</summary>
internal static class FetchResilienceKeys
{
    public static readonly ResiliencePropertyKey<int> MaxAttempts = new("FunctionsFetch.MaxAttempts");
    public static readonly ResiliencePropertyKey<TimeSpan> AttemptTimeout = new("FunctionsFetch.AttemptTimeout");
    public static readonly ResiliencePropertyKey<AttemptCounter> Attempts = new("FunctionsFetch.Attempts");

    /// <summary>Attempts an earlier batch already made for this URL before it handed the URL back.</summary>
    public static readonly ResiliencePropertyKey<int> PriorAttempts = new("FunctionsFetch.PriorAttempts");

    /// <summary>Where the pipeline records a retry it declined because its wait was too long to hold a slot.</summary>
    public static readonly ResiliencePropertyKey<RetryHandBack> HandBack = new("FunctionsFetch.HandBack");

    /// <summary>
    /// A request that goes past the host's hold and queue (<see cref="HostPolitenessHandler"/>): robots.txt, asked once
    /// per host an hour, which behind a long <c>Retry-After</c> would time out and disallow the whole host for minutes.
    /// </summary>
    public static readonly ResiliencePropertyKey<bool> OutsidePoliteness = new("FunctionsFetch.OutsidePoliteness");

    /// <summary>The job's own per-host limits, which every attempt of its fetches waits on.</summary>
    public static readonly ResiliencePropertyKey<JobHostLimits> HostLimits = new("FunctionsFetch.HostLimits");
}
