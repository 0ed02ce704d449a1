using System.Text.Json;

namespace FunctionsFetch.Local.InstanceApi;

/// <summary>Reads an instance's raw history, for <c>showHistory=true</c>; the engine decides whether it can.</summary>
public interface IInstanceHistorySource
{
    /// <summary>The history events as a JSON array, or null when this engine keeps no readable history.</summary>
    Task<JsonElement?> GetHistoryAsync(string instanceId, CancellationToken cancellationToken);
}
