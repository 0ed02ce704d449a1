using FunctionsFetch.Fetching;

namespace FunctionsFetch.Jobs;

/// <summary>The fetch activity's output: one result per URL of the batch, in the batch's order.</summary>
public sealed record BatchOutcome(IReadOnlyList<UrlResult> Results);
