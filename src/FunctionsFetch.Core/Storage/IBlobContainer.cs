namespace FunctionsFetch.Storage;

/// <summary>
/// The few blob operations the job store needs, so one <see cref="JobStore"/> (and its one layout) runs over
/// Azure Storage and over memory alike. Names are full blob names; listings come in ordinal order.
/// </summary>
public interface IBlobContainer
{
    /// <summary>Writes (or overwrites) a small blob.</summary>
    Task UploadAsync(string name, BinaryData content, CancellationToken cancellationToken);

    /// <summary>Writes a small blob only if none has that name yet (If-None-Match: *); false when one had.</summary>
    Task<bool> TryCreateAsync(string name, BinaryData content, CancellationToken cancellationToken);

    /// <summary>
    /// Writes (or overwrites) a blob from a stream read to its end. A read that throws leaves nothing committed:
    /// the previous blob, if any, stays as it was.
    /// </summary>
    Task UploadStreamAsync(string name, Stream content, string? contentType, CancellationToken cancellationToken);

    /// <summary>
    /// Appends <paramref name="content"/> as one block to an append blob, creating it first when absent. Each append lands
    /// whole, after every append that finished before it began, so concurrent writers never interleave within one.
    /// False, with nothing appended, when the blob already holds the most blocks an append blob can (50,000 in Azure Storage).
    /// </summary>
    Task<bool> TryAppendAsync(string name, BinaryData content, CancellationToken cancellationToken);

    /// <summary>A small blob's bytes, or null when it does not exist.</summary>
    Task<BinaryData?> DownloadAsync(string name, CancellationToken cancellationToken);

    /// <summary>A blob opened for reading with its content type, or null when it does not exist.</summary>
    Task<StoredBody?> OpenReadAsync(string name, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string name, CancellationToken cancellationToken);

    /// <summary>Deletes a blob; false when there was none.</summary>
    Task<bool> DeleteAsync(string name, CancellationToken cancellationToken);

    /// <summary>Names under <paramref name="prefix"/>: all of them, or (not <paramref name="recursive"/>) only those with no further '/'.</summary>
    IAsyncEnumerable<string> ListAsync(string prefix, bool recursive, CancellationToken cancellationToken);

    /// <summary>
    /// One page of the names under <paramref name="prefix"/> (all levels), in ordinal order, at most <paramref name="pageSize"/>,
    /// from where <paramref name="continuation"/> (a page's own, or null for the first) left off. A continuation this
    /// container did not hand out throws <see cref="FormatException"/>.
    /// </summary>
    Task<BlobPage> ListPageAsync(string prefix, string? continuation, int pageSize, CancellationToken cancellationToken);
}
