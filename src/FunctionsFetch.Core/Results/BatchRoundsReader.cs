using System.Runtime.CompilerServices;
using FunctionsFetch.Fetching;

namespace FunctionsFetch.Results;

/// <summary>
/// Reads a job's result files in batch order. A batch with one file streams; a batch whose handed-back URLs
/// were fetched in later rounds has its files merged in index order (a batch holds at most a few thousand rows).
/// </summary>
internal static class BatchRoundsReader
{
    /// <param name="names">The job's result file names relative to its folder, in ordinal order.</param>
    /// <param name="open">Opens a file by its relative name.</param>
    /// <param name="cancellationToken">Aborts the read.</param>
    public static async IAsyncEnumerable<UrlResult> ReadAsync(
        IEnumerable<string> names, Func<string, CancellationToken, Task<Stream>> open, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(open);
        foreach (var batch in names.Where(n => BatchBlobNames.BatchOf(n) is not null).GroupBy(n => BatchBlobNames.BatchOf(n)!, StringComparer.Ordinal))
        {
            var files = batch.ToList();
            if (files.Count == 1)
            {
                await using var content = await open(files[0], cancellationToken);
                await foreach (var result in ResultLines.ReadAsync(content, cancellationToken))
                {
                    yield return result;
                }

                continue;
            }

            var merged = new List<UrlResult>();
            foreach (var file in files)
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
