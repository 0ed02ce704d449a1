namespace FunctionsFetch.Storage;

/// <summary>One URL of a job, with the index its result is stored under.</summary>
public sealed record JobUrl(int Index, string Url);
