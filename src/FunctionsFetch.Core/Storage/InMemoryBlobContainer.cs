using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace FunctionsFetch.Storage;

/// <summary>Blobs kept in this process, for the in-memory engine and tests; lost when it stops. Behind the same layout as Azure Storage.</summary>
/// <param name="maxAppendBlocks">The blocks an append blob holds at most (Azure Storage's limit unless a test needs a small one).</param>
public sealed class InMemoryBlobContainer(int maxAppendBlocks = InMemoryBlobContainer.AzureMaxAppendBlocks) : IBlobContainer
{
    /// <summary>The blocks an append blob holds at most in Azure Storage.</summary>
    public const int AzureMaxAppendBlocks = 50_000;

    private readonly ConcurrentDictionary<string, Blob> _blobs = new(StringComparer.Ordinal);
    private readonly Lock _appending = new();

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

    public Task<bool> TryAppendAsync(string name, BinaryData content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var bytes = content.ToArray();
        lock (_appending)
        {
            var blob = _blobs.GetValueOrDefault(name) ?? new Blob([], ContentType: null);
            if (blob.Blocks >= maxAppendBlocks)
            {
                return Task.FromResult(false);
            }

            _blobs[name] = blob with { Bytes = [.. blob.Bytes, .. bytes], Blocks = blob.Blocks + 1 };
            return Task.FromResult(true);
        }
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

    public Task<BlobPage> ListPageAsync(string prefix, string? continuation, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);

        // The last name a page returned: the next page starts after it.
        if (continuation is not null && !continuation.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new FormatException("The continuation does not belong to this listing.");
        }

        var names = _blobs.Keys
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && (continuation is null || string.CompareOrdinal(n, continuation) > 0))
            .Order(StringComparer.Ordinal)
            .Take(pageSize + 1)
            .ToList();
        var more = names.Count > pageSize;
        var page = names.Take(pageSize).ToArray();
        return Task.FromResult(new BlobPage(page, more ? page[^1] : null));
    }

    private sealed record Blob(byte[] Bytes, string? ContentType, int Blocks = 0);
}
