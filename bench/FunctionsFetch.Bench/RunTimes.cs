using System.Diagnostics;

namespace FunctionsFetch.Bench;

/// <summary>When a contender was given the URLs and when its last result was readable (<see cref="Stopwatch"/> timestamps).</summary>
/// <param name="CpuTime">User + system CPU time its process spent from submit to readable; null when it cannot be told apart.</param>
public sealed record RunTimes(long SubmittedAt, long ReadableAt, int Results, long PeakMemoryBytes, TimeSpan? CpuTime = null)
{
    public TimeSpan Wall => Stopwatch.GetElapsedTime(SubmittedAt, ReadableAt);
}
