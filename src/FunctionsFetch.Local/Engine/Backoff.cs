namespace FunctionsFetch.Local.Engine;

/// <summary>How long to wait after consecutive failures: <see cref="First"/>, doubling with each failure, at most <see cref="Max"/>.</summary>
public readonly record struct Backoff(TimeSpan First, TimeSpan Max)
{
    /// <summary>1 s, 2 s, 4 s, then every 5 s: prompt once storage is back, without hammering it while it is down.</summary>
    public static Backoff Storage { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));

    /// <param name="failures">Consecutive failures so far, 1 for the first.</param>
    public TimeSpan After(int failures)
    {
        if (failures <= 1)
        {
            return First;
        }

        // Capped before doubling, so many failures cannot overflow.
        var delay = First;
        for (var i = 1; i < failures && delay < Max; i++)
        {
            delay *= 2;
        }

        return delay < Max ? delay : Max;
    }
}
