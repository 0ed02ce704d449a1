using FunctionsFetch.Fetching;
using FunctionsFetch.Jobs;

namespace FunctionsFetch.Results;

/// <summary>
/// Where a job's results live, outside orchestration history: one ordered file per batch, written by the
/// batch activity and read back in batch order, plus the job's input URLs and its manifest.
/// </summary>
public interface IResultStore
{
    /// <summary>Writes (or overwrites, when a batch runs again) one batch's results.</summary>
    Task WriteBatchAsync(string jobId, int batchNumber, IReadOnlyList<UrlResult> results, CancellationToken cancellationToken);

    /// <summary>Every stored result of the job, batch by batch, each batch in its own order.</summary>
    IAsyncEnumerable<UrlResult> ReadAsync(string jobId, CancellationToken cancellationToken);

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
