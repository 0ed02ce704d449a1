using FunctionsFetch.Fetching;

namespace FunctionsFetch.Jobs;

/// <summary>What a run of batches leaves: the job's progress after it, whether it stopped at the failure threshold, and the hosts throttling it.</summary>
public sealed record FanOutOutcome(JobCounts After, bool ThresholdPassed, IReadOnlyList<ThrottledHost>? Throttled = null);
