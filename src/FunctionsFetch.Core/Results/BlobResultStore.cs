using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using FunctionsFetch.Api;
using FunctionsFetch.Fetching;
using FunctionsFetch.Jobs;
using FunctionsFetch.Serialization;

namespace FunctionsFetch.Results;

/// <summary>
/// Results in blob storage, in the task hub's storage account: <c>fetch-results/{job}/</c> holds the batches'
/// results (<see cref="BatchBlobNames"/>), <c>job.json</c>, the <c>canceled</c> mark, the input under <c>input/</c>,
/// saved bodies under <c>bodies/</c> and the jobs that read these results under <c>dependents/</c>.
/// </summary>
public sealed class BlobResultStore(BlobServiceClient service) : IResultStore
{
    public const string ContainerName = "fetch-results";
    private const string ManifestName = "job.json";
    private const string CancelMarkName = "canceled";
    private const string DependentsFolder = "dependents";

    // Bodies upload in blocks of this size: the most of one body held in memory, whatever its length.
    private static readonly StorageTransferOptions BodyTransfer = new()
    {
        InitialTransferSize = 1024 * 1024,
        MaximumTransferSize = 1024 * 1024,
        MaximumConcurrency = 1,
    };

    private readonly BlobContainerClient _container = service.GetBlobContainerClient(ContainerName);
    private readonly Lazy<Task> _created = new(() => service.GetBlobContainerClient(ContainerName).CreateIfNotExistsAsync());

    public async Task WriteBatchAsync(string jobId, int batchNumber, int round, IReadOnlyList<UrlResult> results, CancellationToken cancellationToken)
    {
        await _created.Value;
        var name = BatchBlobNames.For(jobId, batchNumber, round);
        await _container.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(ResultLines.Serialize(results)), overwrite: true, cancellationToken);
    }

    public async IAsyncEnumerable<UrlResult> ReadAsync(string jobId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _created.Value;

        // One level only: the bodies folder can hold a blob per URL and is no batch.
        var folder = $"{jobId}/";
        var names = new List<string>();
        await foreach (var item in _container.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", folder, cancellationToken))
        {
            if (item.Blob is { } blob)
            {
                names.Add(blob.Name[folder.Length..]);
            }
        }

        await foreach (var result in BatchRoundsReader.ReadAsync(names, OpenAsync, cancellationToken))
        {
            yield return result;
        }

        async Task<Stream> OpenAsync(string name, CancellationToken ct) =>
            (await _container.GetBlobClient(folder + name).DownloadStreamingAsync(cancellationToken: ct)).Value.Content;
    }

    public async Task WriteCancelMarkAsync(string jobId, CancellationToken cancellationToken)
    {
        await _created.Value;
        await _container.GetBlobClient($"{jobId}/{CancelMarkName}").UploadAsync(BinaryData.Empty, overwrite: true, cancellationToken);
    }

    public async Task<bool> IsCancelMarkedAsync(string jobId, CancellationToken cancellationToken)
    {
        await _created.Value;
        return await _container.GetBlobClient($"{jobId}/{CancelMarkName}").ExistsAsync(cancellationToken);
    }

    public async Task AddDependentAsync(string jobId, string dependentId, CancellationToken cancellationToken)
    {
        await _created.Value;
        await _container.GetBlobClient(DependentName(jobId, dependentId)).UploadAsync(BinaryData.Empty, overwrite: true, cancellationToken);
    }

    public async Task RemoveDependentAsync(string jobId, string dependentId, CancellationToken cancellationToken)
    {
        await _created.Value;
        await _container.DeleteBlobIfExistsAsync(DependentName(jobId, dependentId), cancellationToken: cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ListDependentsAsync(string jobId, CancellationToken cancellationToken)
    {
        await _created.Value;
        var folder = DependentName(jobId, string.Empty);
        var dependents = new List<string>();
        await foreach (var blob in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, folder, cancellationToken))
        {
            dependents.Add(blob.Name[folder.Length..]);
        }

        return dependents;
    }

    public async Task<string> WriteBodyAsync(string jobId, int index, Stream body, string? contentType, CancellationToken cancellationToken)
    {
        await _created.Value;
        var name = BodyBlobNames.For(jobId, index);

        // Blocks are committed only once the body has been read to its end, so an aborted read leaves the
        // previous blob (if any) as it was and never a partial one; a rerun overwrites.
        await _container.GetBlobClient(name).UploadAsync(body, new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            TransferOptions = BodyTransfer,
        }, cancellationToken);
        return name;
    }

    public async Task<StoredBody?> OpenBodyAsync(string name, CancellationToken cancellationToken)
    {
        await _created.Value;
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

    public async Task WriteInputAsync(string jobId, JobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await _created.Value;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, InputLines.ChunkCount(request.Urls.Count)), parallel, async (chunk, ct) =>
            await _container.GetBlobClient(InputChunkName(jobId, chunk)).UploadAsync(BinaryData.FromBytes(InputLines.Serialize(request, chunk)), overwrite: true, ct));
    }

    public async Task<IReadOnlyList<JobUrl>> ReadInputAsync(string jobId, int offset, int count, CancellationToken cancellationToken)
    {
        await _created.Value;
        var urls = new List<JobUrl>(count);
        for (var chunk = offset / InputLines.ChunkSize; chunk <= (offset + count - 1) / InputLines.ChunkSize; chunk++)
        {
            var content = await _container.GetBlobClient(InputChunkName(jobId, chunk)).DownloadContentAsync(cancellationToken);
            var first = chunk * InputLines.ChunkSize;
            urls.AddRange(InputLines.Parse(content.Value.Content).Skip(Math.Max(offset - first, 0)).Take(count - urls.Count));
        }

        return urls;
    }

    public async Task WriteManifestAsync(string jobId, JobManifest manifest, CancellationToken cancellationToken)
    {
        await _created.Value;
        var json = BinaryData.FromObjectAsJson(manifest, FetchJson.Options);
        await _container.GetBlobClient($"{jobId}/{ManifestName}").UploadAsync(json, overwrite: true, cancellationToken);
    }

    public async Task<JobManifest?> ReadManifestAsync(string jobId, CancellationToken cancellationToken)
    {
        await _created.Value;
        try
        {
            var content = await _container.GetBlobClient($"{jobId}/{ManifestName}").DownloadContentAsync(cancellationToken);
            return JsonSerializer.Deserialize<JobManifest>(content.Value.Content.ToStream(), FetchJson.Options);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    public async Task<int> DeleteJobAsync(string jobId, CancellationToken cancellationToken)
    {
        await _created.Value;
        var deleted = 0;
        await foreach (var blob in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{jobId}/", cancellationToken))
        {
            await _container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken);
            deleted++;
        }

        return deleted;
    }

    private static string DependentName(string jobId, string dependentId) => $"{jobId}/{DependentsFolder}/{dependentId}";

    /// <summary>Under the job's folder, one level down, so listing the job's batches never reads it.</summary>
    private static string InputChunkName(string jobId, int chunk) =>
        string.Create(CultureInfo.InvariantCulture, $"{jobId}/input/{chunk:D6}.ndjson");
}
