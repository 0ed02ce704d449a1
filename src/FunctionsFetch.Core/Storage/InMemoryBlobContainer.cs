using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace FunctionsFetch.Storage;

/// <summary>Blobs kept in this process, for the in-memory engine and tests; lost when it stops. Behind the same layout as Azure Storage.</summary>
public sealed class InMemoryBlobContainer : IBlobContainer
{
    private readonly ConcurrentDictionary<string, Blob> _blobs = new(StringComparer.Ordinal);

    /// <summary>How many blobs are stored (for tests).</summary>
    public int Count => _blobs.Count;

    public Task UploadAsync(string name, BinaryData content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        _blobs[name] = new Blob(content.ToArray(), ContentType: null);
        return Task.CompletedTask;
    }

    public Task<bool> TryCreateAsync(string name, BinaryData content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        return Task.FromResult(_blobs.TryAdd(name, new Blob(content.ToArray(), ContentType: null)));
    }

    public async Task UploadStreamAsync(string name, Stream content, string? contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);

        // Copied whole first, so a read that throws commits nothing, as block uploads do.
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, cancellationToken);
        _blobs[name] = new Blob(copy.ToArray(), contentType);
    }

    public Task AppendAsync(string name, BinaryData content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var bytes = content.ToArray();
        _blobs.AddOrUpdate(name, _ => new Blob(bytes, ContentType: null), (_, blob) => blob with { Bytes = [.. blob.Bytes, .. bytes] });
        return Task.CompletedTask;
    }

    public Task<BinaryData?> DownloadAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(_blobs.TryGetValue(name, out var blob) ? BinaryData.FromBytes(blob.Bytes) : null);

    public Task<StoredBody?> OpenReadAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(_blobs.TryGetValue(name, out var blob) ? new StoredBody(new MemoryStream(blob.Bytes, writable: false), blob.ContentType) : null);

    public Task<bool> ExistsAsync(string name, CancellationToken cancellationToken) => Task.FromResult(_blobs.ContainsKey(name));

    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken) => Task.FromResult(_blobs.TryRemove(name, out _));

    public async IAsyncEnumerable<string> ListAsync(string prefix, bool recursive, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var names = _blobs.Keys
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && (recursive || n.IndexOf('/', prefix.Length) < 0))
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (var name in names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return name;
        }

        await Task.CompletedTask;
    }

    private sealed record Blob(byte[] Bytes, string? ContentType);
}
