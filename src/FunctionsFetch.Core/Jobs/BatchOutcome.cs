namespace FunctionsFetch.Jobs;

/// <summary>
/// The fetch activity's output: counts only, plus the positions of URLs it handed back. The results
/// themselves are in the result store, so orchestration history stays small whatever the batch size.
/// </summary>
/// <param name="Count">Results the run stored.</param>
/// <param name="Failed">Of those, how many failed.</param>
/// <param name="HandedBack">URLs to fetch again after a wait; null or empty when none.</param>
public sealed record BatchOutcome(int Count, int Failed, IReadOnlyList<HandedBackUrl>? HandedBack = null);
