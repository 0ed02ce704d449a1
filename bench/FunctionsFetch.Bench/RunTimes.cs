using System.Diagnostics;

namespace FunctionsFetch.Bench;

/// <summary>When a contender was given the URLs and when its last result was readable (<see cref="Stopwatch"/> timestamps).</summary>
public sealed record RunTimes(long SubmittedAt, long ReadableAt, int Results, long PeakMemoryBytes)
{
    public TimeSpan Wall => Stopwatch.GetElapsedTime(SubmittedAt, ReadableAt);
}
