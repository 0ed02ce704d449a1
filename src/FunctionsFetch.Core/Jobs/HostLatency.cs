namespace FunctionsFetch.Jobs;

/// <summary>How long one host's results took: how many, their average and their longest, in milliseconds.</summary>
public sealed record HostLatency(string Host, int Count, long AverageMs, long MaxMs);
