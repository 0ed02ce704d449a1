using System.Globalization;

namespace FunctionsFetch.Results;

/// <summary>
/// Names of a job's result files: <c>{job}/{batch:D6}.ndjson</c> for a batch and <c>{job}/{batch:D6}.r{round:D2}.ndjson</c>
/// for the rounds that fetched the URLs it handed back. Zero-padded names list in batch order, a batch's rounds together.
/// </summary>
public static class BatchBlobNames
{
    public const string Suffix = ".ndjson";

    private const int BatchDigits = 6;

    public static string For(string jobId, int batchNumber, int round) => round == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{jobId}/{batchNumber:D6}{Suffix}")
        : string.Create(CultureInfo.InvariantCulture, $"{jobId}/{batchNumber:D6}.r{round:D2}{Suffix}");

    /// <summary>The batch a result file's name (relative to the job's folder) belongs to, or null when it is no result file.</summary>
    public static string? BatchOf(string nameInJob)
    {
        ArgumentNullException.ThrowIfNull(nameInJob);
        return nameInJob.Length > BatchDigits && nameInJob.EndsWith(Suffix, StringComparison.Ordinal) && nameInJob.AsSpan(0, BatchDigits).IndexOfAnyExceptInRange('0', '9') < 0
            ? nameInJob[..BatchDigits]
            : null;
    }
}
