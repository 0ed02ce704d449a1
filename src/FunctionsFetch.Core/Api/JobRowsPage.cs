using FunctionsFetch.Fetching;

namespace FunctionsFetch.Api;

/// <summary><c>GET /api/fetch/{id}/rows</c>: one page of the results that match a filter, in input order, and how many match in all.</summary>
public sealed record JobRowsPage(IReadOnlyList<UrlResult> Rows, int Matched, int Offset, int Limit);
