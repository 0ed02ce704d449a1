namespace FunctionsFetch.Bench;

/// <summary>N URLs, each answering after latency L, with at most C fetches in flight.</summary>
public sealed record Scenario(int Urls, TimeSpan Latency, int Concurrency)
{
    /// <summary>The best any fetcher can do: ceil(N / C) rounds of L.</summary>
    public TimeSpan Ideal => Latency * Math.Ceiling((double)Urls / Concurrency);

    public override string ToString() => $"N={Urls:N0}, L={Latency.TotalMilliseconds:F0} ms, C={Concurrency}";
}
