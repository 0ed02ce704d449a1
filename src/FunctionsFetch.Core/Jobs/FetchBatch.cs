using FunctionsFetch.Configuration;

namespace FunctionsFetch.Jobs;

/// <summary>The fetch activity's input: which run of the job's stored URLs to fetch.</summary>
/// <param name="JobId">The job (orchestration instance) the URLs and results are stored under.</param>
/// <param name="Number">The batch's position among the job's batches, from 0.</param>
/// <param name="Offset">The position of the batch's first URL in the job's input.</param>
/// <param name="Count">How many URLs the batch has.</param>
public sealed record FetchBatch(string JobId, int Number, int Offset, int Count, JobSettings Settings);
