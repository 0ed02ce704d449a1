namespace FunctionsFetch.Jobs;

/// <summary>Live progress, published as the orchestration's custom status as batches finish.</summary>
/// <param name="ActiveSegment">
/// While a large job runs a segment, that segment's instance id: its own custom status is the job's
/// newer progress (the job's orchestration only updates between segments).
/// </param>
public sealed record JobProgress(int Total, int Completed, int Failed, string? ActiveSegment = null);
