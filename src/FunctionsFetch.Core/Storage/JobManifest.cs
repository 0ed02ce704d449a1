using FunctionsFetch.Configuration;

namespace FunctionsFetch.Storage;

/// <summary>
/// What the starter records beside a job's results before it starts: enough to answer an idempotent
/// restart, to show progress before the first batch, and to merge a retry job over the job it retries.
/// </summary>
/// <param name="InputHash">SHA-256 of the job's URLs and resolved settings.</param>
/// <param name="Total">URLs in this job.</param>
/// <param name="Settings">The resolved settings, reused by a retry.</param>
/// <param name="RetryOf">The job whose failed URLs this job retries, or null.</param>
/// <param name="BaseTotal">With <paramref name="RetryOf"/>: URLs in the merged list.</param>
/// <param name="BaseFailed">With <paramref name="RetryOf"/>: failures in the merged list before this retry.</param>
/// <param name="Revalidates">The earlier job this one revalidates (<c>revalidate</c>), whose saved bodies its 304 results may reference; or null.</param>
/// <param name="CreatedAt">When the job was stored, which places it in the job index; null in manifests written before the index existed.</param>
public sealed record JobManifest(
    string InputHash,
    int Total,
    JobSettings Settings,
    string? RetryOf = null,
    int BaseTotal = 0,
    int BaseFailed = 0,
    string? Revalidates = null,
    DateTimeOffset? CreatedAt = null);
