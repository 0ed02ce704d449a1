namespace FunctionsFetch.Jobs;

/// <summary>What a segment reports back: the job's progress after it, and whether it stopped at the failure threshold.</summary>
public sealed record SegmentOutcome(JobProgress After, bool ThresholdPassed);
