using System.Runtime.CompilerServices;
using FunctionsFetch.Fetching;

namespace FunctionsFetch.Storage;

/// <summary>
/// Reads a job's result files in batch order. A batch with one file streams; a batch whose handed-back URLs
/// were fetched in later rounds has its files merged in index order (a batch holds at most a few thousand rows).
/// </summary>
internal static class BatchRoundsReader
{
    /// <param name="jobId">The job.</param>
    /// <param name="names">The blob names in the job's folder, in ordinal order; those that hold no results are skipped.</param>
    /// <param name="open">Opens a blob by its name.</param>
    /// <param name="cancellationToken">Aborts the read.</param>
    public static async IAsyncEnumerable<UrlResult> ReadAsync(
        string jobId, IEnumerable<string> names, Func<string, CancellationToken, Task<Stream>> open, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(open);
        var files = names.Select(name => (Name: name, Batch: JobStoreLayout.BatchOf(jobId, name))).Where(f => f.Batch is not null);
        foreach (var batch in files.GroupBy(f => f.Batch!, f => f.Name, StringComparer.Ordinal))
        {
            var runs = batch.ToList();
            if (runs.Count == 1)
            {
                await using var content = await open(runs[0], cancellationToken);
                await foreach (var result in ResultLines.ReadAsync(content, cancellationToken))
                {
                    yield return result;
                }

                continue;
            }

            var merged = new List<UrlResult>();
            foreach (var file in runs)
            {
                await using var content = await open(file, cancellationToken);
                await foreach (var result in ResultLines.ReadAsync(content, cancellationToken))
                {
                    merged.Add(result);
                }
            }

            foreach (var result in merged.OrderBy(r => r.Index))
            {
                yield return result;
            }
        }
    }
}
