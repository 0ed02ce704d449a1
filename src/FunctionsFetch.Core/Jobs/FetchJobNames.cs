namespace FunctionsFetch.Jobs;

/// <summary>The names both hosts register the orchestrator and activities under.</summary>
public static class FetchJobNames
{
    public const string Orchestrator = "FetchOrchestrator";
    public const string FetchBatchActivity = "FetchBatch";
    public const string RecordFailedBatchActivity = "RecordFailedBatch";
}
