namespace FunctionsFetch.Client;

/// <summary>A host that slowed a running job down (429 or 503): its authority, its allowed fetches in flight now, and the end of its <c>Retry-After</c> while ahead.</summary>
public sealed record ThrottledHost(string Host, int Concurrency, DateTimeOffset? RetryAfter);
