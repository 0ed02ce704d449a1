namespace FunctionsFetch.Jobs;

/// <summary>The names both hosts register the orchestrator and activity under.</summary>
public static class FetchJobNames
{
    public const string Orchestrator = "FetchOrchestrator";
    public const string FetchBatchActivity = "FetchBatch";
}
