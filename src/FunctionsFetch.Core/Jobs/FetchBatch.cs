using FunctionsFetch.Configuration;

namespace FunctionsFetch.Jobs;

/// <summary>The fetch activity's input: a slice of the job's URLs and where the slice starts.</summary>
/// <param name="JobId">The job (orchestration instance) the results are stored under.</param>
/// <param name="Number">The batch's position among the job's batches, from 0.</param>
/// <param name="Offset">The position of <paramref name="Urls"/>[0] in the job's input.</param>
/// <param name="Indexes">The result index of each URL when it differs from its position (retry jobs).</param>
public sealed record FetchBatch(string JobId, int Number, int Offset, IReadOnlyList<string> Urls, JobSettings Settings, IReadOnlyList<int>? Indexes = null)
{
    /// <summary>The result index of the batch's URL at <paramref name="position"/>.</summary>
    public int IndexOf(int position) => Indexes?[position] ?? Offset + position;
}
