namespace FunctionsFetch.Fetching;

/// <summary>
/// One fetch's hand-back decision: a retry whose wait is longer than <see cref="Threshold"/> is not waited for
/// inside the batch (it would hold an activity slot other jobs need); the pipeline records the wait here instead.
/// </summary>
internal sealed class RetryHandBack(TimeSpan threshold)
{
    /// <summary>Longest retry wait a batch sits through itself; zero or less: never hand back.</summary>
    public TimeSpan Threshold { get; } = threshold;

    /// <summary>The wait the URL needs before its next attempt, once the pipeline handed it back.</summary>
    public TimeSpan? Delay { get; private set; }

    /// <summary>True (and remembered) when <paramref name="wait"/> is too long to sit through.</summary>
    public bool TryHandBack(TimeSpan wait)
    {
        if (Threshold <= TimeSpan.Zero || wait <= Threshold)
        {
            return false;
        }

        Delay = wait;
        return true;
    }
}
