using System.Runtime.CompilerServices;
using FunctionsFetch.Fetching;

namespace FunctionsFetch.Storage;

/// <summary>
/// A job's results as users read them: its own, or, for a retry job, the list of the job it retried with
/// the retried entries replaced (recursively, for a retry of a retry).
/// </summary>
public sealed class JobResultsReader(JobStore store)
{
    public async IAsyncEnumerable<UrlResult> ReadMergedAsync(string jobId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var manifest = await store.ReadManifestAsync(jobId, cancellationToken);
        if (manifest?.RetryOf is null)
        {
            await foreach (var result in store.ReadAsync(jobId, cancellationToken))
            {
                yield return result;
            }

            yield break;
        }

        // A retry job holds only the failed subset, so its results fit in memory; the base list streams.
        var retried = new Dictionary<int, UrlResult>();
        await foreach (var result in store.ReadAsync(jobId, cancellationToken))
        {
            retried[result.Index] = result;
        }

        await foreach (var result in ReadMergedAsync(manifest.RetryOf, cancellationToken))
        {
            yield return retried.Remove(result.Index, out var replacement) ? replacement : result;
        }
    }

    /// <summary>The merged result at <paramref name="index"/>, or null when none is stored (yet).</summary>
    public async Task<UrlResult?> FindAsync(string jobId, int index, CancellationToken cancellationToken)
    {
        await foreach (var result in ReadMergedAsync(jobId, cancellationToken))
        {
            if (result.Index == index)
            {
                return result;
            }
        }

        return null;
    }
}
