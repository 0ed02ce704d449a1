using System.Text.Json;
using DurableTask.Core;
using FunctionsFetch.Api.Webhooks;

namespace FunctionsFetch.Local.Engine;

/// <summary>Reads history straight from the storage provider (the sidecar's own history stream returns nothing).</summary>
public sealed class StorageHistorySource(SidecarEngine engine) : IInstanceHistorySource
{
    public async Task<JsonElement?> GetHistoryAsync(string instanceId, CancellationToken cancellationToken)
    {
        string history;
        try
        {
            history = await engine.ServiceClient.GetOrchestrationHistoryAsync(instanceId, executionId: null);
        }
        catch (NotImplementedException)
        {
            // The in-memory engine keeps no readable history.
            return null;
        }

        using var document = JsonDocument.Parse(string.IsNullOrEmpty(history) ? "[]" : history);
        return document.RootElement.Clone();
    }
}
