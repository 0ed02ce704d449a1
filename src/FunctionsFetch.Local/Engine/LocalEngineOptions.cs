namespace FunctionsFetch.Local.Engine;

/// <summary>The <c>Local</c> section: settings only the local host has (Functions manages these itself).</summary>
public sealed class LocalEngineOptions
{
    public const string SectionName = "Local";

    /// <summary>Run the engine with no storage at all (<c>--in-memory</c>).</summary>
    public bool InMemory { get; set; }

    /// <summary>
    /// This process's name in the task hub's partition table. Distinct per process and stable across its
    /// restarts, so a restarted process takes its own partitions back at once. Default: machine name and port.
    /// </summary>
    public string? WorkerId { get; set; }

    /// <summary>How long a partition lease lasts without renewal: how soon a killed process's work moves elsewhere.</summary>
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(3);

    public TimeSpan LeaseAcquireInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Loopback port of the in-process gRPC sidecar; 0 picks a free one.</summary>
    public int SidecarPort { get; set; }

    /// <summary>
    /// The storage provider's check of each start message against the instances table. A start message
    /// can be read before its table row is written; the check then puts it back, and the job waits about
    /// 3 s to begin. Off by default: the API itself checks that a jobId is free before starting it, one
    /// start per id at a time in a process, so here the check mostly costs time.
    /// </summary>
    public bool DeduplicateStarts { get; set; }

    /// <summary>
    /// Scheme, host and port (and an optional path prefix) that clients reach this host on, for every URL it
    /// hands back (status URLs, <c>Location</c>). Set it behind a proxy or when listening on all addresses;
    /// unset, the host uses the address it listens on, and the request's <c>Host</c> header only when that
    /// address is a wildcard (where a spoofed header would otherwise send callers elsewhere).
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// Start Azurite when the storage is Azurite on this machine (<c>UseDevelopmentStorage=true</c>, or the development
    /// account on loopback ports) and nothing listens there; it outlives a crash of this host.
    /// </summary>
    public bool StartAzurite { get; set; } = true;

    /// <summary>The data folder of the Azurite this host starts; default <c>.azurite/</c> in the repository.</summary>
    public string? AzuriteDataPath { get; set; }
}
