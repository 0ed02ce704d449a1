namespace FunctionsFetch.Jobs;

/// <summary>
/// The fetch activity's output: counts only. The results themselves are in the result store, so
/// orchestration history stays small whatever the batch size.
/// </summary>
public sealed record BatchOutcome(int Count, int Failed);
