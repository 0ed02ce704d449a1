namespace FunctionsFetch.Bench;

/// <summary>
/// One contender's run of one scenario. <paramref name="ToFirstFetch"/> and <paramref name="AfterLastFetch"/>
/// split the overhead: from submitting to the target's first request, and from its last answer to the results being readable.
/// </summary>
public sealed record ContenderResult(
    string Contender, Scenario Scenario, TimeSpan Wall, TimeSpan ToFirstFetch, TimeSpan AfterLastFetch, int PeakInFlight, long PeakMemoryBytes, int Results, string Note)
{
    public double RatioToIdeal => Wall / Scenario.Ideal;

    public double UrlsPerSecond => Scenario.Urls / Wall.TotalSeconds;
}
