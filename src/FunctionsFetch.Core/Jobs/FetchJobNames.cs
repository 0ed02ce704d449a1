namespace FunctionsFetch.Jobs;

/// <summary>The names both hosts register the orchestrator and activities under, and the events the orchestrator listens for.</summary>
public static class FetchJobNames
{
    public const string Orchestrator = "FetchOrchestrator";
    public const string FetchBatchActivity = "FetchBatch";
    public const string RecordFailedBatchActivity = "RecordFailedBatch";

    /// <summary>The external event that retunes a running job (<see cref="ConcurrencyChange"/>).</summary>
    public const string ConcurrencyEvent = "SetConcurrency";
}
