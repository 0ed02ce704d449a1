namespace FunctionsFetch.Jobs;

/// <summary>The orchestration's output: counts; the results are in the result store.</summary>
public sealed record JobOutput(int Total, int Succeeded, int Failed);
