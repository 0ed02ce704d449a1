using System.Collections;
using System.Reflection;
using DurableTask.AzureStorage;
using DurableTask.Core;

namespace FunctionsFetch.Local.Engine;

/// <summary>
/// Drops an activity work item's session from the Azure Storage provider once its queue message is gone from under it.
/// The provider keeps each locked activity message's session in a private map until completing or abandoning the work
/// item succeeds. When storage was down long enough for the message to show again and be received anew, both fail on
/// the old pop receipt, the session stays, and the provider turns down every later delivery of that message as "being
/// processed multiple times concurrently" (Azure/durabletask#1173): the batch would never run again. The map has no
/// public way in, so it is reached by reflection; a unit test fails if a provider upgrade renames it.
/// </summary>
internal static class ProviderActivitySessions
{
    private static readonly FieldInfo? Sessions =
        typeof(AzureStorageOrchestrationService).GetField("activeActivitySessions", BindingFlags.Instance | BindingFlags.NonPublic);

    /// <summary>Whether this version of the provider has the map.</summary>
    public static bool IsKnown => Sessions?.FieldType.IsAssignableTo(typeof(IDictionary)) == true;

    /// <summary>Removes the work item's session; false when the service is another provider or holds no such session.</summary>
    public static bool TryForget(IOrchestrationService service, string workItemId)
    {
        if (service is not AzureStorageOrchestrationService || Sessions?.GetValue(service) is not IDictionary sessions || !sessions.Contains(workItemId))
        {
            return false;
        }

        // A ConcurrentDictionary: removing through its non-generic interface is thread-safe too.
        sessions.Remove(workItemId);
        return true;
    }
}
