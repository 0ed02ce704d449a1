using FunctionsFetch.Fetching;

namespace FunctionsFetch.Jobs;

/// <summary>The orchestration's output: counts and every result in input order.</summary>
public sealed record JobOutput(int Total, int Succeeded, int Failed, IReadOnlyList<UrlResult> Results);
