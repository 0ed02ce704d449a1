using FunctionsFetch.Fetching;

namespace FunctionsFetch.Storage;

/// <summary>One page of a job's results in finish order.</summary>
/// <param name="Results">The rows after the cursor asked with, at most the limit asked.</param>
/// <param name="Next">Where the next page starts.</param>
/// <param name="Exhausted">Nothing stored so far lies after <paramref name="Next"/>.</param>
public sealed record ResultsPage(IReadOnlyList<UrlResult> Results, ResultsCursor Next, bool Exhausted);
