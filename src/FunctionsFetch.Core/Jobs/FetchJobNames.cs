namespace FunctionsFetch.Jobs;

/// <summary>The names both hosts register the orchestrator and activities under, and the events the orchestrator listens for.</summary>
public static class FetchJobNames
{
    public const string Orchestrator = "FetchOrchestrator";
    public const string FetchBatchActivity = "FetchBatch";
    public const string RecordFailedBatchActivity = "RecordFailedBatch";

    /// <summary>The orchestration that delivers a job's completion callback once the job has ended.</summary>
    public const string CallbackOrchestrator = "FetchCallback";

    /// <summary>Reads whether a job has ended, for the callback orchestration.</summary>
    public const string ProbeJobStatusActivity = "ProbeJobStatus";

    /// <summary>Makes one POST of a job's completion callback.</summary>
    public const string DeliverCallbackActivity = "DeliverCallback";

    /// <summary>The event a job with a callback sends its callback orchestration when it ends by itself (completed or failed).</summary>
    public const string JobEndedEvent = "JobEnded";

    /// <summary>The external event that retunes a running job (<see cref="ConcurrencyChange"/>).</summary>
    public const string ConcurrencyEvent = "SetConcurrency";

    /// <summary>
    /// The instance id of job <paramref name="jobId"/>'s callback orchestration. A job id never holds ':' (<see cref="JobIds"/>; generated
    /// ones are hex), so no job can take this id; Azure Storage and the Durable HTTP API accept it.
    /// </summary>
    public static string CallbackInstanceId(string jobId) => $"{jobId}:callback";
}
