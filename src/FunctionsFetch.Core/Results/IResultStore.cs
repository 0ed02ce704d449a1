using FunctionsFetch.Fetching;

namespace FunctionsFetch.Results;

/// <summary>
/// Where a job's results live, outside orchestration history: one ordered file per batch, written by the
/// batch activity and read back in batch order, plus the job's manifest.
/// </summary>
public interface IResultStore
{
    /// <summary>Writes (or overwrites, when a batch runs again) one batch's results.</summary>
    Task WriteBatchAsync(string jobId, int batchNumber, IReadOnlyList<UrlResult> results, CancellationToken cancellationToken);

    /// <summary>Every stored result of the job, batch by batch, each batch in its own order.</summary>
    IAsyncEnumerable<UrlResult> ReadAsync(string jobId, CancellationToken cancellationToken);

    Task WriteManifestAsync(string jobId, JobManifest manifest, CancellationToken cancellationToken);

    Task<JobManifest?> ReadManifestAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Deletes the job's results and manifest; returns how many files went.</summary>
    Task<int> DeleteJobAsync(string jobId, CancellationToken cancellationToken);
}
