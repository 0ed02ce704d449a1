using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using FunctionsFetch.Fetching;

namespace FunctionsFetch.Results;

/// <summary>Results kept in this process, for the in-memory engine and tests; lost when it stops.</summary>
public sealed class InMemoryResultStore : IResultStore
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<int, byte[]>> _batches = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JobManifest> _manifests = new(StringComparer.Ordinal);

    public Task WriteBatchAsync(string jobId, int batchNumber, IReadOnlyList<UrlResult> results, CancellationToken cancellationToken)
    {
        _batches.GetOrAdd(jobId, _ => new())[batchNumber] = ResultLines.Serialize(results);
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<UrlResult> ReadAsync(string jobId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!_batches.TryGetValue(jobId, out var batches))
        {
            yield break;
        }

        foreach (var (_, lines) in batches.OrderBy(b => b.Key))
        {
            await foreach (var result in ResultLines.ReadAsync(new MemoryStream(lines), cancellationToken))
            {
                yield return result;
            }
        }
    }

    public Task WriteManifestAsync(string jobId, JobManifest manifest, CancellationToken cancellationToken)
    {
        _manifests[jobId] = manifest;
        return Task.CompletedTask;
    }

    public Task<JobManifest?> ReadManifestAsync(string jobId, CancellationToken cancellationToken) =>
        Task.FromResult(_manifests.TryGetValue(jobId, out var manifest) ? manifest : null);

    public Task<int> DeleteJobAsync(string jobId, CancellationToken cancellationToken)
    {
        var deleted = (_batches.TryRemove(jobId, out var batches) ? batches.Count : 0) + (_manifests.TryRemove(jobId, out _) ? 1 : 0);
        return Task.FromResult(deleted);
    }
}
