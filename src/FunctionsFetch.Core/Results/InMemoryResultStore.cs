using System.Collections.Concurrent;
using FunctionsFetch.Fetching;
using FunctionsFetch.Jobs;

namespace FunctionsFetch.Results;

/// <summary>Results kept in this process, for the in-memory engine and tests; lost when it stops.</summary>
public sealed class InMemoryResultStore : IResultStore
{
    // Per job: result files by their name in the job's folder, as the blob store names them.
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte[]>> _batches = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, bool>> _dependents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _canceled = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JobManifest> _manifests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StoredBodyBytes> _bodies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JobRequest> _inputs = new(StringComparer.Ordinal);

    public Task WriteBatchAsync(string jobId, int batchNumber, int round, IReadOnlyList<UrlResult> results, CancellationToken cancellationToken)
    {
        var name = BatchBlobNames.For(jobId, batchNumber, round)[(jobId.Length + 1)..];
        _batches.GetOrAdd(jobId, _ => new(StringComparer.Ordinal))[name] = ResultLines.Serialize(results);
        return Task.CompletedTask;
    }

    public IAsyncEnumerable<UrlResult> ReadAsync(string jobId, CancellationToken cancellationToken)
    {
        var files = _batches.TryGetValue(jobId, out var batches) ? batches : new ConcurrentDictionary<string, byte[]>();
        var names = files.Keys.Order(StringComparer.Ordinal).ToList();
        return BatchRoundsReader.ReadAsync(names, (name, _) => Task.FromResult<Stream>(new MemoryStream(files[name], writable: false)), cancellationToken);
    }

    public Task WriteCancelMarkAsync(string jobId, CancellationToken cancellationToken)
    {
        _canceled[jobId] = true;
        return Task.CompletedTask;
    }

    public Task<bool> IsCancelMarkedAsync(string jobId, CancellationToken cancellationToken) => Task.FromResult(_canceled.ContainsKey(jobId));

    public Task AddDependentAsync(string jobId, string dependentId, CancellationToken cancellationToken)
    {
        _dependents.GetOrAdd(jobId, _ => new(StringComparer.Ordinal))[dependentId] = true;
        return Task.CompletedTask;
    }

    public Task RemoveDependentAsync(string jobId, string dependentId, CancellationToken cancellationToken)
    {
        if (_dependents.TryGetValue(jobId, out var dependents))
        {
            dependents.TryRemove(dependentId, out _);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> ListDependentsAsync(string jobId, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> list = _dependents.TryGetValue(jobId, out var dependents) ? dependents.Keys.Order(StringComparer.Ordinal).ToList() : [];
        return Task.FromResult(list);
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
            + (_inputs.TryRemove(jobId, out _) ? 1 : 0) + (_canceled.TryRemove(jobId, out _) ? 1 : 0)
            + (_dependents.TryRemove(jobId, out var dependents) ? dependents.Count : 0);
        var prefix = $"{jobId}/";
        foreach (var name in _bodies.Keys.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            deleted += _bodies.TryRemove(name, out _) ? 1 : 0;
        }

        return Task.FromResult(deleted);
    }

    private sealed record StoredBodyBytes(byte[] Bytes, string? ContentType);
}
