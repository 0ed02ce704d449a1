using FunctionsFetch.Fetching;

namespace FunctionsFetch.Jobs;

/// <summary>
/// The fetch activity's output: counts only, plus the positions of URLs it handed back. The results
/// themselves are in the job store, so orchestration history stays small whatever the batch size.
/// </summary>
/// <param name="Stored">What the run stored: its total is the results it wrote.</param>
/// <param name="HandedBack">URLs to fetch again after a wait; null or empty when none.</param>
/// <param name="Throttled">Hosts of the batch that throttled it (429 or 503) or were still backed off when it ended, as this instance saw them; null when none.</param>
public sealed record BatchOutcome(JobCounts Stored, IReadOnlyList<HandedBackUrl>? HandedBack = null, IReadOnlyList<ThrottledHost>? Throttled = null)
{
    /// <summary>A run that stored nothing.</summary>
    public static BatchOutcome Nothing { get; } = new(JobCounts.Start(0));
}
