using FunctionsFetch.Local.Engine;
using System.Text.Json;
using DurableTask.Core;
using FunctionsFetch.Local.InstanceApi;

namespace FunctionsFetch.Local.InstanceApi;

/// <summary>Reads history straight from the Azure Storage provider (the sidecar's own history stream returns nothing).</summary>
public sealed class StorageHistorySource(SidecarEngine engine) : IInstanceHistorySource
{
    public async Task<JsonElement?> GetHistoryAsync(string instanceId, CancellationToken cancellationToken)
    {
        var history = await engine.ServiceClient.GetOrchestrationHistoryAsync(instanceId, executionId: null);
        using var document = JsonDocument.Parse(string.IsNullOrEmpty(history) ? "[]" : history);
        return document.RootElement.Clone();
    }
}
