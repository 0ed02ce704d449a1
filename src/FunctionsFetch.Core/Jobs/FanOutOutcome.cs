namespace FunctionsFetch.Jobs;

/// <summary>What a run of batches leaves: the job's progress after it, and whether it stopped at the failure threshold.</summary>
public sealed record FanOutOutcome(JobCounts After, bool ThresholdPassed);
