using System.Runtime.CompilerServices;
using FunctionsFetch.Fetching;

namespace FunctionsFetch.Storage;

/// <summary>
/// A job's results in the order they were stored, a page at a time after a <see cref="ResultsCursor"/>, for readers
/// that follow a running job. Its entries, in order: for a retry job, first the merged results of the job it retried
/// that it does not fetch again (all known when it starts); then each result file its finish log names, once (a file
/// named again was written again by a batch delivered twice, and its rows were read already). A job stored before
/// finish logs existed has none: once it has ended, its result files in name order are its entries. Entries only
/// ever get added at the end, so a cursor stays valid while the job runs.
/// </summary>
public sealed class LiveResultsReader(JobStore store, JobResultsReader merged)
{
    /// <summary>The rows after <paramref name="after"/>, at most <paramref name="limit"/>; null when the cursor lies beyond the job's results.</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="inputJobId">The job whose stored URLs it fetches: itself, unless the engine restarted it under a new id.</param>
    /// <param name="jobEnded">The job had ended before this read began; a job with no finish log then has only its result files.</param>
    /// <param name="after">Where the page starts.</param>
    /// <param name="limit">Rows at most, from 1.</param>
    /// <param name="cancellationToken">Aborts the read.</param>
    public async Task<ResultsPage?> ReadPageAsync(string jobId, string inputJobId, bool jobEnded, ResultsCursor after, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var entries = await EntriesAsync(jobId, inputJobId, jobEnded, cancellationToken);
        if (after.Entries > entries.Count || (after.Entries == entries.Count && after.Rows > 0))
        {
            return null;
        }

        var rows = new List<UrlResult>();
        var position = after;
        while (rows.Count < limit && position.Entries < entries.Count)
        {
            var (seen, taken, more) = (0, 0, false);
            await foreach (var result in entries[position.Entries](cancellationToken))
            {
                if (++seen <= position.Rows)
                {
                    continue;
                }

                if (rows.Count == limit)
                {
                    more = true;
                    break;
                }

                rows.Add(result);
                taken++;
            }

            if (seen < position.Rows)
            {
                return null;
            }

            position = more ? position with { Rows = position.Rows + taken } : new ResultsCursor(position.Entries + 1, 0);
        }

        return new ResultsPage(rows, position, position.Entries == entries.Count);
    }

    private async Task<List<Func<CancellationToken, IAsyncEnumerable<UrlResult>>>> EntriesAsync(
        string jobId, string inputJobId, bool jobEnded, CancellationToken cancellationToken)
    {
        var entries = new List<Func<CancellationToken, IAsyncEnumerable<UrlResult>>>();
        if (await store.ReadManifestAsync(jobId, cancellationToken) is { RetryOf: { } retried } manifest)
        {
            entries.Add(ct => NotRetriedAsync(retried, inputJobId, manifest.Total, ct));
        }

        var files = await store.ReadFinishLogAsync(jobId, cancellationToken) ?? (jobEnded ? await store.ListResultFilesAsync(jobId, cancellationToken) : []);
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in files.Where(named.Add))
        {
            entries.Add(ct => store.ReadResultFileAsync(name, ct));
        }

        return entries;
    }

    /// <summary>The retried job's merged results but those the retry job fetches again (its stored URLs keep their indexes).</summary>
    private async IAsyncEnumerable<UrlResult> NotRetriedAsync(string retriedJobId, string inputJobId, int retryTotal, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var urls = retryTotal > 0 ? await store.ReadInputAsync(inputJobId, 0, retryTotal, cancellationToken) : [];
        var again = urls.Select(u => u.Index).ToHashSet();
        await foreach (var result in merged.ReadMergedAsync(retriedJobId, cancellationToken))
        {
            if (!again.Contains(result.Index))
            {
                yield return result;
            }
        }
    }
}
