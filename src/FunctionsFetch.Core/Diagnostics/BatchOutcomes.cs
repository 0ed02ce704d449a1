namespace FunctionsFetch.Diagnostics;

/// <summary>The values of the <c>functionsfetch.batches</c> counter's <c>outcome</c> label.</summary>
public static class BatchOutcomes
{
    /// <summary>The batch stored its results (some URLs may have been handed back to a later round).</summary>
    public const string Stored = "stored";

    /// <summary>The batch activity failed every attempt; its URLs were stored as <c>batchFailed</c>.</summary>
    public const string Failed = "failed";

    /// <summary>Delivered after its job ended: nothing fetched or stored.</summary>
    public const string JobEnded = "job_ended";

    /// <summary>Taken by a host already stopping: all of it handed back.</summary>
    public const string HostStopping = "host_stopping";
}
