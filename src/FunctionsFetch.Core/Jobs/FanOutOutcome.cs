using FunctionsFetch.Configuration;
using FunctionsFetch.Fetching;

namespace FunctionsFetch.Jobs;

/// <summary>
/// What a run of batches leaves: the job's progress after it, whether it stopped at the failure threshold, the hosts throttling
/// it, and the settings its last batches ran with (a retune changes them), for the next generation.
/// </summary>
public sealed record FanOutOutcome(JobCounts After, bool ThresholdPassed, JobSettings Settings, IReadOnlyList<ThrottledHost>? Throttled = null);
