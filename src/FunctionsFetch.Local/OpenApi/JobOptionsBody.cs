namespace FunctionsFetch.Local.OpenApi;

/// <summary>A start request's <c>options</c>: every one optional, capped by the server's limits (docs/api.md, per-job options).</summary>
public sealed record JobOptionsBody
{
    /// <summary>The job's fetches in flight, across all its batches and instances.</summary>
    public int? Concurrency { get; init; }

    public int? MaxPerHost { get; init; }

    public int? MaxRatePerHost { get; init; }

    public int? TimeoutSeconds { get; init; }

    public int? MaxAttempts { get; init; }

    public long? MaxBodyBytes { get; init; }

    public int? MaxRedirects { get; init; }

    public int? ToleratedFailurePercent { get; init; }

    public bool? SaveBodies { get; init; }

    public bool? RespectRobots { get; init; }

    /// <summary>Expert override: URLs per batch.</summary>
    public int? BatchSize { get; init; }

    /// <summary>Expert override: fetches in flight inside one batch.</summary>
    public int? BatchParallelism { get; init; }

    /// <summary>Expert override: batches of this job in flight at once.</summary>
    public int? MaxParallelBatches { get; init; }

    /// <summary><c>GET</c> or <c>HEAD</c>.</summary>
    public string? Method { get; init; }

    /// <summary>Request headers sent with every URL; values are kept out of history, statuses and logs.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>An earlier, ended job's id: its validators make this job's fetches conditional.</summary>
    public string? Revalidate { get; init; }

    /// <summary>An http(s) URL the server POSTs a signed summary to once the job has ended (needs <c>Fetch:CallbackSecret</c>).</summary>
    public Uri? CallbackUrl { get; init; }
}
