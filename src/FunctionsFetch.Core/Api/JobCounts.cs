namespace FunctionsFetch.Api;

/// <summary>The head of a finished job's answer.</summary>
public sealed record JobCounts(string Id, string RuntimeStatus, int Total, int Succeeded, int Failed);
