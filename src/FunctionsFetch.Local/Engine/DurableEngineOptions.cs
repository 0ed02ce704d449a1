namespace FunctionsFetch.Local.Engine;

/// <summary>
/// <c>extensions:durableTask</c> from the root host.json: the same keys the Durable Functions extension
/// reads, so one file configures both hosts.
/// </summary>
public sealed class DurableEngineOptions
{
    public const string SectionName = "extensions:durableTask";

    public string HubName { get; set; } = "FunctionsFetch";

    /// <summary>Activity work items this process runs at once.</summary>
    public int MaxConcurrentActivityFunctions { get; set; } = 10;

    /// <summary>Orchestration work items this process runs at once.</summary>
    public int MaxConcurrentOrchestratorFunctions { get; set; } = 10;

    /// <summary>Must stay off: the sidecar does not keep orchestration sessions.</summary>
    public bool ExtendedSessionsEnabled { get; set; }

    public StorageProviderOptions StorageProvider { get; set; } = new();
}
