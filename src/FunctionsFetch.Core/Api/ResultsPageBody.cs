using FunctionsFetch.Fetching;

namespace FunctionsFetch.Api;

/// <summary>The JSON answer of <c>GET /api/fetch/{id}/results</c>: a page of results, the cursor after it, and whether the job's results are all read.</summary>
public sealed record ResultsPageBody(IReadOnlyList<UrlResult> Results, string Cursor, bool Complete);
