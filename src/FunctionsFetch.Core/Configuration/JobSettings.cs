namespace FunctionsFetch.Configuration;

/// <summary>
/// The per-job knobs. Bound from configuration twice (the server's defaults and its maxima),
/// and resolved per job from the request's <c>options</c> object.
/// </summary>
public sealed record JobSettings
{
    /// <summary>URLs per batch activity.</summary>
    public int BatchSize { get; init; } = 50;

    /// <summary>Fetches in flight inside one batch activity.</summary>
    public int BatchParallelism { get; init; } = 16;

    /// <summary>Batches of one job in flight at once (the seed's "50 threads").</summary>
    public int MaxParallelBatches { get; init; } = 10;

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
    /// <see cref="FetchMethods.Get"/> or <see cref="FetchMethods.Head"/> (status and headers only; a 405 or 501 answer falls
    /// back to GET). No limit: both are open to every job.
    /// </summary>
    [DefaultOnly]
    public string Method { get; init; } = FetchMethods.Get;
}
