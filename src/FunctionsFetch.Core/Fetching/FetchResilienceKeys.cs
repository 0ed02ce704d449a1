using Polly;

namespace FunctionsFetch.Fetching;

/// <summary>Per-request values the shared resilience pipeline reads, so one pipeline serves every job's settings.</summary>
internal static class FetchResilienceKeys
{
    public static readonly ResiliencePropertyKey<int> MaxAttempts = new("FunctionsFetch.MaxAttempts");
    public static readonly ResiliencePropertyKey<TimeSpan> AttemptTimeout = new("FunctionsFetch.AttemptTimeout");
    public static readonly ResiliencePropertyKey<AttemptCounter> Attempts = new("FunctionsFetch.Attempts");
}
