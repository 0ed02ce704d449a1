namespace FunctionsFetch.Storage;

/// <summary>One page of a blob listing, and where the next one starts (null after the last).</summary>
public sealed record BlobPage(IReadOnlyList<string> Names, string? Continuation);
