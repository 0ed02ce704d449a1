namespace FunctionsFetch.Configuration;

/// <summary>
/// One place that knows every per-job option: its request name, its configuration key,
/// its lowest legal value and how to read and set it. A switch reads as 0 (false) or 1 (true), so a
/// limit of false forbids asking for true.
/// </summary>
public static class JobOptionCatalog
{
    public static IReadOnlyList<JobOptionDefinition> All { get; } =
    [
        new("concurrency", nameof(JobSettings.Concurrency), 1, s => s.Concurrency, (s, v) => s with { Concurrency = (int)v }),
        new("batchSize", nameof(JobSettings.BatchSize), 1, s => s.BatchSize, (s, v) => s with { BatchSize = (int)v }, IsOverride: true),
        new("batchParallelism", nameof(JobSettings.BatchParallelism), 1, s => s.BatchParallelism, (s, v) => s with { BatchParallelism = (int)v }, IsOverride: true),
        new("maxParallelBatches", nameof(JobSettings.MaxParallelBatches), 1, s => s.MaxParallelBatches, (s, v) => s with { MaxParallelBatches = (int)v }, IsOverride: true),
        new("maxPerHost", nameof(JobSettings.MaxPerHost), 1, s => s.MaxPerHost, (s, v) => s with { MaxPerHost = (int)v }),
        new("maxRatePerHost", nameof(JobSettings.MaxRatePerHost), 0, s => s.MaxRatePerHost, (s, v) => s with { MaxRatePerHost = (int)v }),
        new("timeoutSeconds", nameof(JobSettings.TimeoutSeconds), 1, s => s.TimeoutSeconds, (s, v) => s with { TimeoutSeconds = (int)v }),
        new("maxAttempts", nameof(JobSettings.MaxAttempts), 1, s => s.MaxAttempts, (s, v) => s with { MaxAttempts = (int)v }),
        new("maxBodyBytes", nameof(JobSettings.MaxBodyBytes), 1, s => s.MaxBodyBytes, (s, v) => s with { MaxBodyBytes = v }),
        new("maxRedirects", nameof(JobSettings.MaxRedirects), 0, s => s.MaxRedirects, (s, v) => s with { MaxRedirects = (int)v }),
        new("toleratedFailurePercent", nameof(JobSettings.ToleratedFailurePercent), 0, s => s.ToleratedFailurePercent, (s, v) => s with { ToleratedFailurePercent = (int)v }),
        new("saveBodies", nameof(JobSettings.SaveBodies), 0, s => s.SaveBodies ? 1 : 0, (s, v) => s with { SaveBodies = v != 0 }, IsSwitch: true),
        new("respectRobots", nameof(JobSettings.RespectRobots), 0, s => s.RespectRobots ? 1 : 0, (s, v) => s with { RespectRobots = v != 0 }, IsSwitch: true),
    ];

    /// <summary>The option with exactly this request name: names are case-sensitive, as every JSON property of a request is.</summary>
    public static JobOptionDefinition? Find(string requestName) =>
        All.FirstOrDefault(o => string.Equals(o.RequestName, requestName, StringComparison.Ordinal));

    public static string RequestNames => string.Join(", ", All.Select(o => o.RequestName));
}
