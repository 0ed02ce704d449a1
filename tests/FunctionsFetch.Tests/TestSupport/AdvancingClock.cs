namespace FunctionsFetch.Tests.TestSupport;

/// <summary>The system clock whose monotonic timestamp a test can move forward, to expire what was kept for a while.</summary>
public sealed class AdvancingClock : TimeProvider
{
    private long _offset;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offset, (long)(by.TotalSeconds * TimestampFrequency));

    public override long GetTimestamp() => base.GetTimestamp() + Interlocked.Read(ref _offset);
}
