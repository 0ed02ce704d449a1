namespace FunctionsFetch.Configuration;

/// <summary>The <c>Fetch</c> configuration section, read the same way by both hosts.</summary>
public sealed class FetchOptions
{
    public const string SectionName = "Fetch";

    /// <summary>Most URLs one job may hold.</summary>
    public int MaxUrlsPerJob { get; set; } = 100_000;

    /// <summary>Largest start-request body; a larger one gets 413.</summary>
    public long MaxRequestBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Longest URL accepted, in characters.</summary>
    public int MaxUrlLength { get; set; } = 2048;

    /// <summary>Most request headers one job may set (<c>options.headers</c>).</summary>
    public int MaxRequestHeaders { get; set; } = 32;

    /// <summary>Largest total size of a job's request headers: every name and value, in UTF-8 bytes.</summary>
    public int MaxRequestHeaderBytes { get; set; } = 16 * 1024;

    /// <summary>First retry delay; later ones grow exponentially with jitter.</summary>
    public int RetryBaseDelayMilliseconds { get; set; } = 500;

    /// <summary>Longest wait between two attempts, also for a server's <c>Retry-After</c>.</summary>
    public int MaxRetryDelaySeconds { get; set; } = 30;

    /// <summary>
    /// Longest retry wait a batch sits through; a URL that must wait longer (a long <c>Retry-After</c>, a late
    /// backoff step) is handed back to the orchestration and fetched after a durable timer, so it never holds an
    /// activity slot other jobs need. 0 sits through every wait.
    /// </summary>
    public int HandBackAfterSeconds { get; set; } = 5;

    /// <summary>
    /// A batch saves the results it has finished (a checkpoint) each time this many are new, so a batch delivered
    /// again after a crash fetches only the rest. 0: as many as the batch fetches at once (its <c>batchParallelism</c>),
    /// which bounds what a crash repeats to twice the fetches in flight.
    /// </summary>
    public int CheckpointResults { get; set; }

    /// <summary>And at least this often while it has new results, in milliseconds (for slow URLs); 0 saves only by count.</summary>
    public int CheckpointMilliseconds { get; set; } = 1000;

    /// <summary>
    /// A batch's checkpoints are at least this far apart, in milliseconds: with 20 ms URLs a count of 20 came due 50 times a
    /// second per batch, and those writes cost a 100,000-URL job on Azurite about 2.6 s of its 13 s (bench/RESULTS.md). A crash
    /// then repeats at most this long of a batch's fetching, or twice its fetches in flight. 0: no spacing.
    /// </summary>
    public int CheckpointMinSpacingMilliseconds { get; set; } = 250;

    /// <summary>
    /// How long a stopping host's batches let their fetches in flight finish, in seconds: from the stop on a batch starts
    /// no fetch, stores what finished and hands the rest back; a fetch still running after this is cut and fetched again later.
    /// </summary>
    public int DrainSeconds { get; set; } = 10;

    /// <summary>Lets fetches reach loopback, private, link-local and other non-public addresses (never cloud metadata).</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Hosts, addresses or CIDR ranges (each with an optional :port) fetches may reach although non-public.</summary>
    public string[] AllowedTargets { get; set; } = [];

    /// <summary>
    /// The local host's API key: when set, every route needs it (<c>x-functions-key</c> header or <c>code</c>
    /// query). The Functions app uses Functions keys instead.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// The key a job's completion callback is signed with (<c>X-FunctionsFetch-Signature</c>, HMAC-SHA256 of the body).
    /// Unset, a job that asks for a callback is refused: an unsigned callback could be forged by anyone.
    /// </summary>
    public string? CallbackSecret { get; set; }

    /// <summary>POSTs of a job's completion callback at most, the first included, until one is answered 2xx.</summary>
    public int CallbackMaxAttempts { get; set; } = 5;

    /// <summary>How long one callback POST may take, in seconds, before it counts as a failed attempt.</summary>
    public int CallbackTimeoutSeconds { get; set; } = 30;

    /// <summary>Logs and telemetry show fetched URLs with their query strings (which can hold tokens); off by default.</summary>
    public bool LogUrlQueries { get; set; }

    /// <summary>Fetches in flight to one host from one worker process.</summary>
    public int MaxConcurrencyPerHost { get; set; } = 8;

    /// <summary>How long a host's robots.txt, once read, is kept in this process (jobs with <c>respectRobots</c>); at most 1440 (24 h, RFC 9309 2.4).</summary>
    public int RobotsCacheMinutes { get; set; } = 60;

    /// <summary>How long a robots.txt that answered 5xx, timed out or could not be reached keeps its host disallowed before it is asked again.</summary>
    public int RobotsUnavailableMinutes { get; set; } = 5;

    /// <summary>The longest <c>Crawl-delay</c> honoured, in seconds; a longer one is cut to this. 0 ignores Crawl-delay.</summary>
    public int MaxCrawlDelaySeconds { get; set; } = 10;

    /// <summary>What a job gets for each option it leaves out.</summary>
    public JobSettings Defaults { get; set; } = new();

    /// <summary>The most a job may ask for, per option.</summary>
    public JobSettings Limits { get; set; } = new()
    {
        Concurrency = 1000,
        BatchSize = 1000,
        BatchParallelism = 256,
        MaxParallelBatches = 1000,
        TimeoutSeconds = 300,
        MaxAttempts = 10,
        MaxBodyBytes = 100 * 1024 * 1024,
        MaxRedirects = 20,
        ToleratedFailurePercent = 100,
        SaveBodies = true,
        MaxPerHost = 1000,
        MaxRatePerHost = 1000,
        RespectRobots = true,
    };
}
