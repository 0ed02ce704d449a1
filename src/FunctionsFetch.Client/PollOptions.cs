namespace FunctionsFetch.Client;

/// <summary>
/// How <see cref="FetchClient"/> waits for a job: as long as the server's <c>Retry-After</c> asks, but never
/// longer than <see cref="MaxDelay"/> (a progress bar wants fresher numbers than a script does), and for at
/// most <see cref="Timeout"/>.
/// </summary>
public sealed record PollOptions
{
    /// <summary>The wait when a 202 names none.</summary>
    public static readonly TimeSpan DefaultDelay = TimeSpan.FromSeconds(1);

    public static PollOptions Default { get; } = new();

    /// <summary>The longest wait between two polls, whatever <c>Retry-After</c> asks.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for the job in all before a <see cref="TimeoutException"/>; infinite by default.</summary>
    public TimeSpan Timeout { get; init; } = System.Threading.Timeout.InfiniteTimeSpan;

    /// <summary>The wait before the next poll, given the <c>Retry-After</c> of the last answer.</summary>
    public TimeSpan DelayFor(TimeSpan? retryAfter)
    {
        var asked = retryAfter ?? DefaultDelay;
        return asked < TimeSpan.Zero ? TimeSpan.Zero : asked > MaxDelay ? MaxDelay : asked;
    }

    internal bool IsOver(TimeSpan elapsed) => Timeout != System.Threading.Timeout.InfiniteTimeSpan && elapsed > Timeout;
}
