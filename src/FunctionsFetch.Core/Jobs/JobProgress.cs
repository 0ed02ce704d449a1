namespace FunctionsFetch.Jobs;

/// <summary>Live progress, published as the orchestration's custom status as batches finish.</summary>
public sealed record JobProgress(int Total, int Completed, int Failed);
