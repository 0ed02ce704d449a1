using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using FunctionsFetch.Fetching;
using FunctionsFetch.Serialization;

namespace FunctionsFetch.Storage;

/// <summary>
/// Everything a job keeps outside orchestration history: its input URLs and request headers, manifest, results per batch, saved
/// bodies, cancel mark and the jobs that read its results. Names come from <see cref="JobStoreLayout"/>,
/// formats from <see cref="InputLines"/>, <see cref="ResultLines"/> and <see cref="FetchJson"/>; the blobs
/// live in Azure Storage or in memory (<see cref="IBlobContainer"/>), through the same code.
/// </summary>
public sealed class JobStore(IBlobContainer blobs)
{
    /// <summary>Input chunks written at once when a job starts.</summary>
    private const int InputUploadParallelism = 8;

    /// <summary>Per job, the first finish-log segment this process has not seen full (a hint: a full one is skipped with one call).</summary>
    private readonly ConcurrentDictionary<string, int> _fullLogSegments = new(StringComparer.Ordinal);

    /// <summary>
    /// Writes (or overwrites, when a batch runs again) one run of a batch's results: round 0 for the batch
    /// itself, round n for its n-th run of the URLs it handed back. Then names the file in the job's finish log,
    /// so readers of a running job see files in the order they were finished (a call repeated names it again).
    /// </summary>
    public async Task WriteBatchAsync(string jobId, int batchNumber, int round, IReadOnlyList<UrlResult> results, CancellationToken cancellationToken)
    {
        var name = JobStoreLayout.Batch(jobId, batchNumber, round);
        await blobs.UploadAsync(name, BinaryData.FromBytes(ResultLines.Serialize(results)), cancellationToken);
        await LogFinishedAsync(jobId, name, cancellationToken);
    }

    /// <summary>Appends the file's name to the finish log's last segment, beginning the next once one is full.</summary>
    private async Task LogFinishedAsync(string jobId, string name, CancellationToken cancellationToken)
    {
        var line = BinaryData.FromString(JobStoreLayout.InJobFolder(jobId, name) + "\n");
        var segment = _fullLogSegments.GetValueOrDefault(jobId);
        while (!await blobs.TryAppendAsync(JobStoreLayout.FinishLog(jobId, segment), line, cancellationToken))
        {
            segment++;
            _fullLogSegments[jobId] = segment;
        }
    }

    /// <summary>
    /// The result files the job's finish log names, in the order they were written (a file written again appears again);
    /// null when the job has no log (none of its files was written yet, or it was stored before logs existed).
    /// </summary>
    public async Task<IReadOnlyList<string>?> ReadFinishLogAsync(string jobId, CancellationToken cancellationToken)
    {
        // Listed before any is read: a segment listed has a full one before it, so what is read is a prefix of the log.
        var segments = new List<string>();
        await foreach (var name in blobs.ListAsync(JobStoreLayout.FinishLogFolder(jobId), recursive: false, cancellationToken))
        {
            if (JobStoreLayout.IsFinishLog(jobId, name))
            {
                segments.Add(name);
            }
        }

        if (segments.Count == 0)
        {
            return null;
        }

        var folder = JobStoreLayout.JobFolder(jobId);
        var files = new List<string>();
        foreach (var segment in segments)
        {
            if (await blobs.DownloadAsync(segment, cancellationToken) is not { } log)
            {
                break;
            }

            files.AddRange(log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => folder + line));
        }

        return files;
    }

    /// <summary>The job's result files, in name order (batch by batch, each batch's rounds together).</summary>
    public async Task<IReadOnlyList<string>> ListResultFilesAsync(string jobId, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var name in blobs.ListAsync(JobStoreLayout.JobFolder(jobId), recursive: false, cancellationToken))
        {
            if (JobStoreLayout.BatchOf(jobId, name) is not null)
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>The rows of one result file as stored (in index order), by the name a listing or the finish log gave.</summary>
    public async IAsyncEnumerable<UrlResult> ReadResultFileAsync(string name, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var content = await OpenResultFileAsync(name, cancellationToken);
        await foreach (var result in ResultLines.ReadAsync(content, cancellationToken))
        {
            yield return result;
        }
    }

    /// <summary>Saves results one delivery of a batch's run has finished so far (each checkpoint holds only those since the last).</summary>
    public Task WriteCheckpointAsync(string jobId, int batchNumber, int round, string delivery, int sequence, IReadOnlyList<UrlResult> results, CancellationToken cancellationToken) =>
        blobs.UploadAsync(JobStoreLayout.Checkpoint(jobId, batchNumber, round, delivery, sequence), BinaryData.FromBytes(ResultLines.Serialize(results)), cancellationToken);

    /// <summary>Every result any earlier delivery of the batch's run saved, in no particular order (a result may repeat).</summary>
    public async Task<IReadOnlyList<UrlResult>> ReadCheckpointsAsync(string jobId, int batchNumber, int round, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var name in blobs.ListAsync(JobStoreLayout.CheckpointsOf(jobId, batchNumber, round), recursive: false, cancellationToken))
        {
            names.Add(name);
        }

        var results = new List<UrlResult>();
        foreach (var name in names)
        {
            // A checkpoint deleted meanwhile (a rerun of the job cleared it) holds nothing to keep.
            if (await blobs.DownloadAsync(name, cancellationToken) is { } content)
            {
                await foreach (var result in ResultLines.ReadAsync(content.ToStream(), cancellationToken))
                {
                    results.Add(result);
                }
            }
        }

        return results;
    }

    /// <summary>Every stored result of the job, batch by batch, each batch's rounds merged in index order.</summary>
    public async IAsyncEnumerable<UrlResult> ReadAsync(string jobId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var names = await ListResultFilesAsync(jobId, cancellationToken);
        await foreach (var result in BatchRoundsReader.ReadAsync(jobId, names, OpenResultFileAsync, cancellationToken))
        {
            yield return result;
        }
    }

    private async Task<Stream> OpenResultFileAsync(string name, CancellationToken cancellationToken) =>
        (await blobs.OpenReadAsync(name, cancellationToken))?.Content ?? throw new InvalidDataException($"The result file {name} vanished while it was read.");

    /// <summary>
    /// Stores the job's URLs, with their result indexes, before it starts. Only chunks not stored yet are written:
    /// the input of a job is written once (after its manifest, which says whose input it is), so a start delivered
    /// twice, or raced from two processes, never overwrites the URLs a running job reads.
    /// </summary>
    public async Task WriteInputAsync(string jobId, IReadOnlyList<JobUrl> urls, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = InputUploadParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, InputLines.ChunkCount(urls.Count)), parallel, async (chunk, ct) =>
            await blobs.TryCreateAsync(JobStoreLayout.InputChunk(jobId, chunk), BinaryData.FromBytes(InputLines.Serialize(urls, chunk)), ct));
    }

    /// <summary>Stores the job's request headers with its input, create-only like its URL chunks (a start taking over writes the same).</summary>
    public Task WriteHeadersAsync(string jobId, RequestHeaders headers, CancellationToken cancellationToken) =>
        blobs.TryCreateAsync(JobStoreLayout.Headers(jobId), BinaryData.FromBytes(StoredHeaders.Serialize(headers)), cancellationToken);

    /// <summary>The job's request headers, or null when it set none.</summary>
    public async Task<RequestHeaders?> ReadHeadersAsync(string jobId, CancellationToken cancellationToken) =>
        await blobs.DownloadAsync(JobStoreLayout.Headers(jobId), cancellationToken) is { } content ? StoredHeaders.Parse(content) : null;

    /// <summary>
    /// Stores the prior results a revalidating job sends validators from, by input position (null: none for that URL), in
    /// the input's chunks; create-only like them. A chunk without any is not written.
    /// </summary>
    public async Task WriteValidatorsAsync(string jobId, IReadOnlyList<PriorResult?> byPosition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(byPosition);
        var chunks = Enumerable.Range(0, InputLines.ChunkCount(byPosition.Count))
            .Select(chunk => (Chunk: chunk, Priors: byPosition.Skip(chunk * InputLines.ChunkSize).Take(InputLines.ChunkSize).OfType<PriorResult>().ToArray()))
            .Where(c => c.Priors.Length > 0);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = InputUploadParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(chunks, parallel, async (c, ct) =>
            await blobs.TryCreateAsync(JobStoreLayout.Validators(jobId, c.Chunk), BinaryData.FromBytes(JsonLines.Serialize(c.Priors)), ct));
    }

    /// <summary>The prior results of the job's URLs from position <paramref name="offset"/> on (<paramref name="count"/> of them), by result index.</summary>
    public async Task<IReadOnlyDictionary<int, PriorResult>> ReadValidatorsAsync(string jobId, int offset, int count, CancellationToken cancellationToken)
    {
        var priors = new Dictionary<int, PriorResult>();
        for (var chunk = offset / InputLines.ChunkSize; chunk <= (offset + count - 1) / InputLines.ChunkSize; chunk++)
        {
            if (await blobs.DownloadAsync(JobStoreLayout.Validators(jobId, chunk), cancellationToken) is { } content)
            {
                foreach (var prior in JsonLines.Parse<PriorResult>(content))
                {
                    priors[prior.Index] = prior;
                }
            }
        }

        return priors;
    }

    /// <summary>The job's URLs from position <paramref name="offset"/> on, <paramref name="count"/> of them.</summary>
    public async Task<IReadOnlyList<JobUrl>> ReadInputAsync(string jobId, int offset, int count, CancellationToken cancellationToken)
    {
        var urls = new List<JobUrl>(count);
        for (var chunk = offset / InputLines.ChunkSize; chunk <= (offset + count - 1) / InputLines.ChunkSize; chunk++)
        {
            var name = JobStoreLayout.InputChunk(jobId, chunk);
            var content = await blobs.DownloadAsync(name, cancellationToken) ?? throw new InvalidOperationException($"Job '{jobId}' has no stored input chunk {name}.");
            var first = chunk * InputLines.ChunkSize;
            urls.AddRange(InputLines.Parse(content).Skip(Math.Max(offset - first, 0)).Take(count - urls.Count));
        }

        return urls;
    }

    /// <summary>Writes (or overwrites) the manifest of a job no start can race: one the Durable API's restart gives a new id.</summary>
    public Task WriteManifestAsync(string jobId, JobManifest manifest, CancellationToken cancellationToken) =>
        blobs.UploadAsync(JobStoreLayout.Manifest(jobId), BinaryData.FromObjectAsJson(manifest, FetchJson.Options), cancellationToken);

    /// <summary>
    /// Stores the job's manifest unless the job already has one (If-None-Match: *); returns the manifest the job has
    /// (this one, or the one stored first by another start of the same id, perhaps with other input) and whether
    /// this call stored it.
    /// </summary>
    public async Task<(JobManifest Manifest, bool Created)> CreateManifestAsync(string jobId, JobManifest manifest, CancellationToken cancellationToken)
    {
        if (await blobs.TryCreateAsync(JobStoreLayout.Manifest(jobId), BinaryData.FromObjectAsJson(manifest, FetchJson.Options), cancellationToken))
        {
            return (manifest, true);
        }

        var stored = await ReadManifestAsync(jobId, cancellationToken) ?? throw new InvalidOperationException($"Job '{jobId}' has a manifest that vanished while it was read.");
        return (stored, false);
    }

    public async Task<JobManifest?> ReadManifestAsync(string jobId, CancellationToken cancellationToken) =>
        await blobs.DownloadAsync(JobStoreLayout.Manifest(jobId), cancellationToken) is { } content
            ? JsonSerializer.Deserialize<JobManifest>(content.ToStream(), FetchJson.Options)
            : null;

    /// <summary>
    /// Stores (or overwrites) a body under the job, reading <paramref name="body"/> to its end as it uploads.
    /// A read that throws leaves nothing committed. Returns the body's name.
    /// </summary>
    public async Task<string> WriteBodyAsync(string jobId, int index, Stream body, string? contentType, CancellationToken cancellationToken)
    {
        var name = JobStoreLayout.Body(jobId, index);
        await blobs.UploadStreamAsync(name, body, contentType, cancellationToken);
        return name;
    }

    /// <summary>Opens a body by the name <see cref="WriteBodyAsync"/> returned, or null when there is none.</summary>
    public Task<StoredBody?> OpenBodyAsync(string name, CancellationToken cancellationToken) => blobs.OpenReadAsync(name, cancellationToken);

    /// <summary>Marks the job canceled, so its batches stop on every instance that runs them.</summary>
    public Task WriteCancelMarkAsync(string jobId, CancellationToken cancellationToken) =>
        blobs.UploadAsync(JobStoreLayout.CancelMark(jobId), BinaryData.Empty, cancellationToken);

    /// <summary>True once <see cref="WriteCancelMarkAsync"/> was called for the job.</summary>
    public Task<bool> IsCancelMarkedAsync(string jobId, CancellationToken cancellationToken) =>
        blobs.ExistsAsync(JobStoreLayout.CancelMark(jobId), cancellationToken);

    /// <summary>Records that <paramref name="dependentId"/> reads the results of <paramref name="jobId"/> (a retry-failed job).</summary>
    public Task AddDependentAsync(string jobId, string dependentId, CancellationToken cancellationToken) =>
        blobs.UploadAsync(JobStoreLayout.Dependent(jobId, dependentId), BinaryData.Empty, cancellationToken);

    /// <summary>Forgets <paramref name="dependentId"/> as a reader of <paramref name="jobId"/>.</summary>
    public Task RemoveDependentAsync(string jobId, string dependentId, CancellationToken cancellationToken) =>
        blobs.DeleteAsync(JobStoreLayout.Dependent(jobId, dependentId), cancellationToken);

    /// <summary>The jobs recorded as reading the results of <paramref name="jobId"/>.</summary>
    public async Task<IReadOnlyList<string>> ListDependentsAsync(string jobId, CancellationToken cancellationToken)
    {
        var folder = JobStoreLayout.DependentsFolder(jobId);
        var dependents = new List<string>();
        await foreach (var name in blobs.ListAsync(folder, recursive: false, cancellationToken))
        {
            dependents.Add(name[folder.Length..]);
        }

        return dependents;
    }

    /// <summary>Deletes the job's result files, finish log, checkpoints and cancel mark, so it can run again under its id; its input, manifest and readers stay.</summary>
    public async Task DeleteResultsAsync(string jobId, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var name in blobs.ListAsync(JobStoreLayout.JobFolder(jobId), recursive: false, cancellationToken))
        {
            if (JobStoreLayout.BatchOf(jobId, name) is not null || name == JobStoreLayout.CancelMark(jobId))
            {
                names.Add(name);
            }
        }

        await foreach (var name in blobs.ListAsync(JobStoreLayout.FinishLogFolder(jobId), recursive: false, cancellationToken))
        {
            names.Add(name);
        }

        _fullLogSegments.TryRemove(jobId, out _);

        // A rerun must not take the last run's checkpoints for its own.
        await foreach (var name in blobs.ListAsync(JobStoreLayout.CheckpointsFolder(jobId), recursive: true, cancellationToken))
        {
            names.Add(name);
        }

        foreach (var name in names)
        {
            await blobs.DeleteAsync(name, cancellationToken);
        }
    }

    /// <summary>Lists the job in the job index (create-only: a start taking over writes the same entry).</summary>
    public Task WriteIndexEntryAsync(string jobId, DateTimeOffset createdAt, CancellationToken cancellationToken) =>
        blobs.TryCreateAsync(JobStoreLayout.IndexEntry(createdAt, jobId), BinaryData.Empty, cancellationToken);

    /// <summary>Takes the job out of the job index.</summary>
    public Task DeleteIndexEntryAsync(string jobId, DateTimeOffset createdAt, CancellationToken cancellationToken) =>
        blobs.DeleteAsync(JobStoreLayout.IndexEntry(createdAt, jobId), cancellationToken);

    /// <summary>
    /// One page of the job index, newest first: at most <paramref name="pageSize"/> job ids and the continuation of the next
    /// page (null after the last). A continuation the index did not hand out throws <see cref="FormatException"/>.
    /// </summary>
    public async Task<(IReadOnlyList<string> JobIds, string? Continuation)> ReadIndexPageAsync(string? continuation, int pageSize, CancellationToken cancellationToken)
    {
        var page = await blobs.ListPageAsync(JobStoreLayout.IndexFolder, continuation, pageSize, cancellationToken);
        return (page.Names.Select(JobStoreLayout.JobOfIndexEntry).OfType<string>().ToArray(), page.Continuation);
    }

    /// <summary>Deletes every blob of the job; returns how many went.</summary>
    public async Task<int> DeleteJobAsync(string jobId, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var name in blobs.ListAsync(JobStoreLayout.JobFolder(jobId), recursive: true, cancellationToken))
        {
            names.Add(name);
        }

        var deleted = 0;
        foreach (var name in names)
        {
            deleted += await blobs.DeleteAsync(name, cancellationToken) ? 1 : 0;
        }

        return deleted;
    }
}
