using System.Globalization;

namespace FunctionsFetch.Storage;

/// <summary>
/// Every name in the job store, in one place. A job's blobs all live under <c>{job}/</c> in the
/// <see cref="ContainerName"/> container, so deleting a job takes them all:
/// <list type="bullet">
/// <item><c>job.json</c>: the manifest (<see cref="JobManifest"/>);</item>
/// <item><c>input/{chunk:D6}.ndjson</c>: the URLs, <see cref="InputLines.ChunkSize"/> to a chunk (<see cref="InputLines"/>);</item>
/// <item><c>input/headers.json</c>: the job's own request headers, when it sets any (<see cref="StoredHeaders"/>): only here, as values may hold tokens;</item>
/// <item><c>input/validators/{chunk:D6}.ndjson</c>: with <c>revalidate</c>, the earlier job's result for each URL of the chunk
/// that had an ETag or Last-Modified (<see cref="Serialization.JsonLines"/> of <see cref="Fetching.PriorResult"/>); a chunk with none has no blob;</item>
/// <item><c>{batch:D6}.ndjson</c>, and <c>{batch:D6}.r{round:D2}.ndjson</c> for the rounds that fetched URLs a batch
/// handed back: the results (<see cref="ResultLines"/>); zero-padded, they list in batch order, a batch's rounds together;</item>
/// <item><c>finished/{segment:D4}.log</c>: append blobs naming each result file (its name under the job's folder, one a line)
/// once it was written, in the order they were, for readers following a running job (a listing has no time order); a file
/// written again is named again. Segment n+1 is begun only once segment n is full (an append blob holds 50,000 blocks, one a line);</item>
/// <item><c>checkpoints/{batch:D6}.r{round:D2}.{run}.{sequence:D6}.ndjson</c>: the results a run of a batch saved as it went,
/// read by the next delivery of that run (<see cref="ResultLines"/>);</item>
/// <item><c>bodies/{index:D9}</c>: saved bodies;</item>
/// <item><c>canceled</c>: the cancel mark;</item>
/// <item><c>dependents/{job}</c>: jobs that read this job's results (retry-failed jobs).</item>
/// </list>
/// Beside the jobs' folders, <see cref="IndexFolder"/> lists them newest first.
/// Folders one level down keep the result listing of a job from reading its input, bodies or dependents.
/// </summary>
public static class JobStoreLayout
{
    public const string ContainerName = "fetch-results";

    /// <summary>
    /// The job index, outside every job's folder (a '.' is never in a job id): one empty blob a job,
    /// <c>.jobs/{inverted ticks:D19}-{job}</c>, so a listing comes newest first.
    /// </summary>
    public const string IndexFolder = ".jobs/";

    private const int IndexTicksDigits = 19;

    private const string ResultSuffix = ".ndjson";
    private const string FinishLogSuffix = ".log";
    private const int BatchDigits = 6;

    /// <summary>The job's entry in the index, by when it was created.</summary>
    public static string IndexEntry(DateTimeOffset createdAt, string jobId) =>
        string.Create(CultureInfo.InvariantCulture, $"{IndexFolder}{DateTimeOffset.MaxValue.UtcTicks - createdAt.UtcTicks:D19}-{jobId}");

    /// <summary>The job an index entry names, or null for a name that is no entry.</summary>
    public static string? JobOfIndexEntry(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var start = IndexFolder.Length + IndexTicksDigits + 1;
        return name.StartsWith(IndexFolder, StringComparison.Ordinal) && name.Length > start && name[start - 1] == '-' ? name[start..] : null;
    }

    /// <summary>The prefix of every blob of the job.</summary>
    public static string JobFolder(string jobId) => $"{jobId}/";

    public static string Manifest(string jobId) => $"{jobId}/job.json";

    public static string InputChunk(string jobId, int chunk) =>
        string.Create(CultureInfo.InvariantCulture, $"{jobId}/input/{chunk:D6}.ndjson");

    public static string Headers(string jobId) => $"{jobId}/input/headers.json";

    /// <summary>The prior results (<c>revalidate</c>) of the URLs in one input chunk.</summary>
    public static string Validators(string jobId, int chunk) =>
        string.Create(CultureInfo.InvariantCulture, $"{jobId}/input/validators/{chunk:D6}.ndjson");

    public static string Batch(string jobId, int batchNumber, int round) => round == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{jobId}/{batchNumber:D6}{ResultSuffix}")
        : string.Create(CultureInfo.InvariantCulture, $"{jobId}/{batchNumber:D6}.r{round:D2}{ResultSuffix}");

    /// <summary>The folder of the job's finish log: the order its result files were written in.</summary>
    public static string FinishLogFolder(string jobId) => $"{jobId}/finished/";

    /// <summary>One segment of the job's finish log.</summary>
    public static string FinishLog(string jobId, int segment) =>
        string.Create(CultureInfo.InvariantCulture, $"{FinishLogFolder(jobId)}{segment:D4}{FinishLogSuffix}");

    /// <summary>Whether a blob in the finish log's folder is one of its segments.</summary>
    public static bool IsFinishLog(string jobId, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.StartsWith(FinishLogFolder(jobId), StringComparison.Ordinal) && name.EndsWith(FinishLogSuffix, StringComparison.Ordinal);
    }

    /// <summary>A blob's name under the job's folder (as the finish log names it).</summary>
    public static string InJobFolder(string jobId, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var folder = JobFolder(jobId);
        return name.StartsWith(folder, StringComparison.Ordinal) ? name[folder.Length..] : throw new ArgumentException($"'{name}' is not under job '{jobId}'.", nameof(name));
    }

    /// <summary>The batch (its zero-padded number) a blob under the job's folder holds results of, or null when it holds none.</summary>
    public static string? BatchOf(string jobId, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var folder = JobFolder(jobId);
        if (!name.StartsWith(folder, StringComparison.Ordinal) || !name.EndsWith(ResultSuffix, StringComparison.Ordinal))
        {
            return null;
        }

        var local = name.AsSpan(folder.Length);
        return local.Length > BatchDigits && local.IndexOf('/') < 0 && local[..BatchDigits].IndexOfAnyExceptInRange('0', '9') < 0
            ? local[..BatchDigits].ToString()
            : null;
    }

    /// <summary>The prefix of every checkpoint of one run (round) of a batch, whichever delivery wrote it.</summary>
    public static string CheckpointsOf(string jobId, int batchNumber, int round) =>
        string.Create(CultureInfo.InvariantCulture, $"{jobId}/checkpoints/{batchNumber:D6}.r{round:D2}.");

    /// <summary>One checkpoint: <paramref name="delivery"/> tells apart deliveries of the run that write at the same time.</summary>
    public static string Checkpoint(string jobId, int batchNumber, int round, string delivery, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{CheckpointsOf(jobId, batchNumber, round)}{delivery}.{sequence:D6}{ResultSuffix}");

    public static string CheckpointsFolder(string jobId) => $"{jobId}/checkpoints/";

    public static string Body(string jobId, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{jobId}/bodies/{index:D9}");

    public static string CancelMark(string jobId) => $"{jobId}/canceled";

    public static string DependentsFolder(string jobId) => $"{jobId}/dependents/";

    public static string Dependent(string jobId, string dependentId) => DependentsFolder(jobId) + dependentId;
}
