namespace FunctionsFetch.Jobs;

/// <summary>Input of the activity that records error results for a batch whose activity kept failing.</summary>
public sealed record FailedBatch(FetchBatch Batch, string Reason);
