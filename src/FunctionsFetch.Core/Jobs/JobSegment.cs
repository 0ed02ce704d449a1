using FunctionsFetch.Configuration;

namespace FunctionsFetch.Jobs;

/// <summary>
/// The segment orchestration's input: a run of consecutive batches of a large job, with the job's
/// progress so far so that the segment can publish the job's progress and judge its failure threshold.
/// </summary>
/// <param name="JobId">The job (parent instance) whose results the batches store.</param>
/// <param name="Number">The segment's position among the job's segments, from 0.</param>
/// <param name="FirstBatch">The job-wide number of the segment's first batch.</param>
/// <param name="Offset">The position of <paramref name="Urls"/>[0] in the job's input.</param>
/// <param name="Indexes">The result index of each URL when it differs from its position (retry jobs).</param>
/// <param name="Before">The job's progress when the segment starts.</param>
public sealed record JobSegment(
    string JobId,
    int Number,
    int FirstBatch,
    int Offset,
    IReadOnlyList<string> Urls,
    IReadOnlyList<int>? Indexes,
    JobSettings Settings,
    JobProgress Before);
