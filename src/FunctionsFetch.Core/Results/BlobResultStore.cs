using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using FunctionsFetch.Api;
using FunctionsFetch.Fetching;

namespace FunctionsFetch.Results;

/// <summary>
/// Results in blob storage, in the task hub's storage account: <c>fetch-results/{job}/{batch:D6}.ndjson</c>
/// and <c>fetch-results/{job}/job.json</c>. Zero-padded names list in batch order.
/// </summary>
public sealed class BlobResultStore(BlobServiceClient service) : IResultStore
{
    public const string ContainerName = "fetch-results";
    private const string ManifestName = "job.json";
    private const string BatchSuffix = ".ndjson";

    private readonly BlobContainerClient _container = service.GetBlobContainerClient(ContainerName);
    private readonly Lazy<Task> _created = new(() => service.GetBlobContainerClient(ContainerName).CreateIfNotExistsAsync());

    public async Task WriteBatchAsync(string jobId, int batchNumber, IReadOnlyList<UrlResult> results, CancellationToken cancellationToken)
    {
        await _created.Value;
        var name = $"{jobId}/{batchNumber.ToString("D6", CultureInfo.InvariantCulture)}{BatchSuffix}";
        await _container.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(ResultLines.Serialize(results)), overwrite: true, cancellationToken);
    }

    public async IAsyncEnumerable<UrlResult> ReadAsync(string jobId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _created.Value;
        await foreach (var blob in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{jobId}/", cancellationToken))
        {
            if (!blob.Name.EndsWith(BatchSuffix, StringComparison.Ordinal))
            {
                continue;
            }

            var download = await _container.GetBlobClient(blob.Name).DownloadStreamingAsync(cancellationToken: cancellationToken);
            await using var content = download.Value.Content;
            await foreach (var result in ResultLines.ReadAsync(content, cancellationToken))
            {
                yield return result;
            }
        }
    }

    public async Task WriteManifestAsync(string jobId, JobManifest manifest, CancellationToken cancellationToken)
    {
        await _created.Value;
        var json = BinaryData.FromObjectAsJson(manifest, ApiJson.Options);
        await _container.GetBlobClient($"{jobId}/{ManifestName}").UploadAsync(json, overwrite: true, cancellationToken);
    }

    public async Task<JobManifest?> ReadManifestAsync(string jobId, CancellationToken cancellationToken)
    {
        await _created.Value;
        try
        {
            var content = await _container.GetBlobClient($"{jobId}/{ManifestName}").DownloadContentAsync(cancellationToken);
            return JsonSerializer.Deserialize<JobManifest>(content.Value.Content.ToStream(), ApiJson.Options);
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
}
