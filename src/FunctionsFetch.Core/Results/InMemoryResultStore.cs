using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using FunctionsFetch.Fetching;
using FunctionsFetch.Jobs;

namespace FunctionsFetch.Results;

/// <summary>Results kept in this process, for the in-memory engine and tests; lost when it stops.</summary>
public sealed class InMemoryResultStore : IResultStore
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<int, byte[]>> _batches = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JobManifest> _manifests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StoredBodyBytes> _bodies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JobRequest> _inputs = new(StringComparer.Ordinal);

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

    public async Task<string> WriteBodyAsync(string jobId, int index, Stream body, string? contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var copy = new MemoryStream();
        await body.CopyToAsync(copy, cancellationToken);
        var name = BodyBlobNames.For(jobId, index);
        _bodies[name] = new StoredBodyBytes(copy.ToArray(), contentType);
        return name;
    }

    public Task<StoredBody?> OpenBodyAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(_bodies.TryGetValue(name, out var body) ? new StoredBody(new MemoryStream(body.Bytes, writable: false), body.ContentType) : null);

    public Task WriteInputAsync(string jobId, JobRequest request, CancellationToken cancellationToken)
    {
        _inputs[jobId] = request;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<JobUrl>> ReadInputAsync(string jobId, int offset, int count, CancellationToken cancellationToken)
    {
        var request = _inputs.TryGetValue(jobId, out var stored) ? stored : throw new InvalidOperationException($"Job '{jobId}' has no stored input.");
        IReadOnlyList<JobUrl> slice = Enumerable.Range(offset, count).Select(i => new JobUrl(request.IndexOf(i), request.Urls[i])).ToArray();
        return Task.FromResult(slice);
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
        var deleted = (_batches.TryRemove(jobId, out var batches) ? batches.Count : 0) + (_manifests.TryRemove(jobId, out _) ? 1 : 0)
            + (_inputs.TryRemove(jobId, out _) ? 1 : 0);
        var prefix = $"{jobId}/";
        foreach (var name in _bodies.Keys.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            deleted += _bodies.TryRemove(name, out _) ? 1 : 0;
        }

        return Task.FromResult(deleted);
    }

    private sealed record StoredBodyBytes(byte[] Bytes, string? ContentType);
}
