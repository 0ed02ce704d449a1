using System.Collections.Concurrent;

namespace FunctionsFetch.Tests.TestSupport;

/// <summary>
/// A clock whose timers fire at once and remember how long they were asked to wait, so a test sees the waits
/// of a polling loop without sitting through them. Its <see cref="GetUtcNow"/> stands still at <see cref="Now"/>.
/// </summary>
public sealed class InstantTimeProvider : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _waits = new();

    public DateTimeOffset Now { get; init; } = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public IReadOnlyList<TimeSpan> Waits => [.. _waits];

    public override DateTimeOffset GetUtcNow() => Now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _waits.Enqueue(dueTime);
        return System.CreateTimer(callback, state, TimeSpan.Zero, period);
    }
}
