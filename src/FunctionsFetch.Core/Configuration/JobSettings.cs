namespace FunctionsFetch.Configuration;

/// <summary>
/// The per-job knobs. Bound from configuration twice (the server's defaults and its maxima),
/// and resolved per job from the request's <c>options</c> object.
/// </summary>
public sealed record JobSettings
{
    /// <summary>
    /// The job's fetches in flight, across all its batches and instances (the seed's "50 threads"). The batch shape
    /// is planned from it (<c>Jobs.JobPlanner</c>) unless the job names the three expert overrides below.
    /// </summary>
    public int Concurrency { get; init; } = 50;

    /// <summary>URLs per batch activity. Expert override: 0 (every configured default) means planned from <see cref="Concurrency"/>.</summary>
    public int BatchSize { get; init; }

    /// <summary>Fetches in flight inside one batch activity. Expert override: 0 means planned.</summary>
    public int BatchParallelism { get; init; }

    /// <summary>Batches of one job in flight at once. Expert override: 0 means planned.</summary>
    public int MaxParallelBatches { get; init; }

    /// <summary>This job's fetches in flight to one host (scheme, host and port) in one instance, under <c>Fetch:MaxConcurrencyPerHost</c>.</summary>
    public int MaxPerHost { get; init; } = 8;

    /// <summary>This job's requests per second to one host in one instance (a token bucket); 0: no rate limit.</summary>
    public int MaxRatePerHost { get; init; }

    /// <summary>Seconds one attempt may take, for the response headers and again for the body.</summary>
    public int TimeoutSeconds { get; init; } = 30;

    /// <summary>HTTP attempts per URL and redirect hop, the first included.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Largest body read; a longer one ends as <c>tooLarge</c>.</summary>
    public long MaxBodyBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>Redirects followed; one more ends as <c>tooManyRedirects</c>.</summary>
    public int MaxRedirects { get; init; } = 5;

    /// <summary>
    /// Failed URLs, as a percentage of the job, past which the job stops scheduling batches and ends
    /// Failed. 100 (the default) tolerates everything.
    /// </summary>
    public int ToleratedFailurePercent { get; init; } = 100;

    /// <summary>
    /// Stores each body read whole as a blob the result names. As a limit, false forbids jobs to ask for it.
    /// </summary>
    public bool SaveBodies { get; init; }

    /// <summary>
    /// Obeys each host's robots.txt: a disallowed URL is never fetched (it ends <c>disallowedByRobots</c>) and a
    /// <c>Crawl-delay</c> spaces the requests to its host. As a limit, false forbids jobs to ask for it.
    /// </summary>
    public bool RespectRobots { get; init; }

    /// <summary>
    /// <see cref="FetchMethods.Get"/> or <see cref="FetchMethods.Head"/> (status and headers only; a 405 or 501 answer falls
    /// back to GET). No limit: both are open to every job.
    /// </summary>
    [DefaultOnly]
    public string Method { get; init; } = FetchMethods.Get;
}
