namespace FunctionsFetch.Bench;

/// <summary>One contender's run of one scenario.</summary>
public sealed record ContenderResult(string Contender, Scenario Scenario, TimeSpan Wall, int PeakInFlight, long PeakMemoryBytes, int Results, string Note)
{
    public double RatioToIdeal => Wall / Scenario.Ideal;

    public double UrlsPerSecond => Scenario.Urls / Wall.TotalSeconds;
}
