namespace FunctionsFetch.Testing;

/// <summary>Waits for a condition a test cannot await directly (a target's hit count, say), bounded so a test never hangs.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until it holds; throws once <paramref name="within"/> (default 30 s) passes.</summary>
    public static async Task HoldsAsync(Func<bool> condition, TimeSpan? within = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
