namespace FunctionsFetch.Local.OpenApi;

/// <summary>The body of <c>POST /api/fetch/{id}/concurrency</c>: the job's new concurrency, and nothing else.</summary>
public sealed record ConcurrencyRequest(int Concurrency);
