namespace FunctionsFetch.Bench;

/// <summary>
/// One contender's run of one scenario. <paramref name="ToFirstFetch"/> and <paramref name="AfterLastFetch"/>
/// split the overhead: from submitting to the target's first request, and from its last answer to the results being readable.
/// </summary>
/// <param name="CpuTime">The contender process's user + system CPU time over the run (the seed pool's includes the target's, in the same process).</param>
public sealed record ContenderResult(
    string Contender,
    Scenario Scenario,
    TimeSpan Wall,
    TimeSpan ToFirstFetch,
    TimeSpan AfterLastFetch,
    int PeakInFlight,
    long PeakMemoryBytes,
    int Results,
    string Note,
    TimeSpan? CpuTime = null)
{
    /// <summary>CPU microseconds per URL, or null when not measured.</summary>
    public double? CpuMicrosecondsPerUrl => CpuTime is { } cpu ? cpu.TotalMicroseconds / Scenario.Urls : null;

    public double RatioToIdeal => Wall / Scenario.Ideal;

    public double UrlsPerSecond => Scenario.Urls / Wall.TotalSeconds;
}
