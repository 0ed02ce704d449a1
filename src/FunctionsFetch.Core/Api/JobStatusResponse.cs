namespace FunctionsFetch.Api;

/// <summary>The 202 body of <c>GET /api/fetch/{id}</c> while a job runs.</summary>
public sealed record JobStatusResponse(string Id, string RuntimeStatus, int Total, int Completed, int Failed);
