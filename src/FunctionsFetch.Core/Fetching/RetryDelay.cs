using System.Net.Http.Headers;

namespace FunctionsFetch.Fetching;

/// <summary>
/// How long a fetch waits before its next attempt: the server's <c>Retry-After</c> when it sent one, else the
/// backoff's nominal delay; both capped by <c>Fetch:MaxRetryDelaySeconds</c>, so no server can park a fetch longer.
/// </summary>
public static class RetryDelay
{
    /// <summary>The server's <c>Retry-After</c> (seconds or an HTTP date) capped at <paramref name="max"/>; null when it sent none.</summary>
    public static TimeSpan? FromRetryAfter(RetryConditionHeaderValue? retryAfter, DateTimeOffset now, TimeSpan max)
    {
        var wanted = retryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => (TimeSpan?)null,
        };
        return wanted is { } delay ? Clamp(delay, max) : null;
    }

    /// <summary>The exponential backoff before attempt <paramref name="retryNumber"/> + 2, without jitter, capped at <paramref name="max"/>.</summary>
    public static TimeSpan Backoff(int retryNumber, TimeSpan baseDelay, TimeSpan max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retryNumber);

        // 2^30 already passes any cap; the exponent is bounded so the product cannot overflow.
        var factor = Math.Pow(2, Math.Min(retryNumber, 30));
        var ticks = Math.Min(baseDelay.Ticks * factor, max.Ticks);
        return Clamp(TimeSpan.FromTicks((long)ticks), max);
    }

    private static TimeSpan Clamp(TimeSpan delay, TimeSpan max) =>
        delay < TimeSpan.Zero ? TimeSpan.Zero : delay > max ? max : delay;
}
