using FunctionsFetch.Configuration;

namespace FunctionsFetch.Jobs;

/// <summary>The fetch activity's input: a slice of the job's URLs and where the slice starts.</summary>
/// <param name="Number">The batch's position among the job's batches, from 0.</param>
/// <param name="Offset">The input index of <paramref name="Urls"/>[0].</param>
public sealed record FetchBatch(int Number, int Offset, IReadOnlyList<string> Urls, JobSettings Settings);
