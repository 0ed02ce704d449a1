using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace FunctionsFetch.Storage;

/// <summary>The job store's blobs in an Azure Storage container (Azurite locally), created on first use.</summary>
public sealed class AzureBlobContainer : IBlobContainer
{
    // Streams upload in blocks of this size: the most of one body held in memory, whatever its length.
    private static readonly StorageTransferOptions StreamTransfer = new()
    {
        InitialTransferSize = 1024 * 1024,
        MaximumTransferSize = 1024 * 1024,
        MaximumConcurrency = 1,
    };

    private readonly BlobContainerClient _container;
    private readonly Lock _gate = new();
    private Task? _creating;

    public AzureBlobContainer(BlobServiceClient service, string containerName)
    {
        ArgumentNullException.ThrowIfNull(service);
        _container = service.GetBlobContainerClient(containerName);
    }

    /// <summary>Creates the container once; a create that failed (storage away) is tried again by the next call.</summary>
    private Task Created
    {
        get
        {
            lock (_gate)
            {
                if (_creating is null || _creating.IsFaulted || _creating.IsCanceled)
                {
                    _creating = _container.CreateIfNotExistsAsync();
                }

                return _creating;
            }
        }
    }

    public async Task UploadAsync(string name, BinaryData content, CancellationToken cancellationToken)
    {
        await Created;
        await _container.GetBlobClient(name).UploadAsync(content, overwrite: true, cancellationToken);
    }

    public async Task<bool> TryCreateAsync(string name, BinaryData content, CancellationToken cancellationToken)
    {
        await Created;
        try
        {
            await _container.GetBlobClient(name).UploadAsync(content, new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412)
        {
            // BlobAlreadyExists (or ConditionNotMet): someone wrote it first.
            return false;
        }
    }

    public async Task UploadStreamAsync(string name, Stream content, string? contentType, CancellationToken cancellationToken)
    {
        await Created;

        // Blocks are committed only once the stream has been read to its end.
        await _container.GetBlobClient(name).UploadAsync(content, new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            TransferOptions = StreamTransfer,
        }, cancellationToken);
    }

    public async Task<bool> TryAppendAsync(string name, BinaryData content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        await Created;
        var blob = _container.GetAppendBlobClient(name);
        try
        {
            await AppendAsync(blob, content, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // The first append creates the blob (a writer that created it at the same time does no harm).
            await blob.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await AppendAsync(blob, content, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.ErrorCode == BlobErrorCode.BlockCountExceedsLimit)
        {
            return false;
        }

        return true;
    }

    private static async Task AppendAsync(AppendBlobClient blob, BinaryData content, CancellationToken cancellationToken)
    {
        using var block = content.ToStream();
        await blob.AppendBlockAsync(block, cancellationToken: cancellationToken);
    }

    public async Task<BinaryData?> DownloadAsync(string name, CancellationToken cancellationToken)
    {
        await Created;
        try
        {
            return (await _container.GetBlobClient(name).DownloadContentAsync(cancellationToken)).Value.Content;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    public async Task<StoredBody?> OpenReadAsync(string name, CancellationToken cancellationToken)
    {
        await Created;
        try
        {
            var download = await _container.GetBlobClient(name).DownloadStreamingAsync(cancellationToken: cancellationToken);
            return new StoredBody(download.Value.Content, download.Value.Details.ContentType);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    public async Task<bool> ExistsAsync(string name, CancellationToken cancellationToken)
    {
        await Created;
        return await _container.GetBlobClient(name).ExistsAsync(cancellationToken);
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        await Created;
        return await _container.DeleteBlobIfExistsAsync(name, cancellationToken: cancellationToken);
    }

    public async Task<BlobPage> ListPageAsync(string prefix, string? continuation, int pageSize, CancellationToken cancellationToken)
    {
        await Created;
        try
        {
            await foreach (var page in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken).AsPages(continuation, pageSize))
            {
                return new BlobPage(page.Values.Select(b => b.Name).ToArray(), string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
            }
        }
        catch (RequestFailedException exception) when (exception.Status == 400 && continuation is not null)
        {
            // A marker the service did not hand out.
            throw new FormatException("The continuation is not a marker of this listing.", exception);
        }

        return new BlobPage([], null);
    }

    public async IAsyncEnumerable<string> ListAsync(string prefix, bool recursive, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Created;
        if (recursive)
        {
            await foreach (var blob in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
            {
                yield return blob.Name;
            }

            yield break;
        }

        await foreach (var item in _container.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", prefix, cancellationToken))
        {
            if (item.Blob is { } blob)
            {
                yield return blob.Name;
            }
        }
    }
}
