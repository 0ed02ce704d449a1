using FunctionsFetch.Fetching;
using FunctionsFetch.Jobs;

namespace FunctionsFetch.Results;

/// <summary>
/// Where a job's results live, outside orchestration history: one ordered file per batch, written by the
/// batch activity and read back in batch order, plus the job's input URLs and its manifest.
/// </summary>
public interface IResultStore
{
    /// <summary>
    /// Writes (or overwrites, when a batch runs again) one run of a batch's results: round 0 for the batch
    /// itself, round n for its n-th run of the URLs it handed back.
    /// </summary>
    Task WriteBatchAsync(string jobId, int batchNumber, int round, IReadOnlyList<UrlResult> results, CancellationToken cancellationToken);

    /// <summary>Every stored result of the job, batch by batch, each batch's rounds merged in index order.</summary>
    IAsyncEnumerable<UrlResult> ReadAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Marks the job canceled, so its batches stop on every instance that runs them.</summary>
    Task WriteCancelMarkAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>True once <see cref="WriteCancelMarkAsync"/> was called for the job.</summary>
    Task<bool> IsCancelMarkedAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Records that <paramref name="dependentId"/> reads the results of <paramref name="jobId"/> (a retry-failed job).</summary>
    Task AddDependentAsync(string jobId, string dependentId, CancellationToken cancellationToken);

    /// <summary>Forgets <paramref name="dependentId"/> as a reader of <paramref name="jobId"/>.</summary>
    Task RemoveDependentAsync(string jobId, string dependentId, CancellationToken cancellationToken);

    /// <summary>The jobs recorded as reading the results of <paramref name="jobId"/>.</summary>
    Task<IReadOnlyList<string>> ListDependentsAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Stores the job's URLs, with their result indexes, before it starts.</summary>
    Task WriteInputAsync(string jobId, JobRequest request, CancellationToken cancellationToken);

    /// <summary>The job's URLs from position <paramref name="offset"/> on, <paramref name="count"/> of them.</summary>
    Task<IReadOnlyList<JobUrl>> ReadInputAsync(string jobId, int offset, int count, CancellationToken cancellationToken);

    Task WriteManifestAsync(string jobId, JobManifest manifest, CancellationToken cancellationToken);

    Task<JobManifest?> ReadManifestAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores (or overwrites) a body under the job, reading <paramref name="body"/> to its end as it uploads.
    /// A read that throws leaves nothing committed. Returns the body's name.
    /// </summary>
    Task<string> WriteBodyAsync(string jobId, int index, Stream body, string? contentType, CancellationToken cancellationToken);

    /// <summary>Opens a body by the name <see cref="WriteBodyAsync"/> returned, or null when there is none.</summary>
    Task<StoredBody?> OpenBodyAsync(string name, CancellationToken cancellationToken);

    /// <summary>Deletes the job's results, bodies and manifest; returns how many files went.</summary>
    Task<int> DeleteJobAsync(string jobId, CancellationToken cancellationToken);
}
