using Azure.Core;
using Azure.Identity;

namespace FunctionsFetch.Functions.Telemetry;

/// <summary>
/// The credential <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> names, as the Application Insights SDK reads it:
/// <c>Authorization=AAD</c> signs telemetry with the managed identity (the user-assigned one of <c>ClientId=…</c>, else the
/// system-assigned one); anything else, or nothing, sends unsigned (the instrumentation key alone).
/// </summary>
internal static class AzureMonitorCredential
{
    public static TokenCredential? From(string? authenticationString)
    {
        if (string.IsNullOrWhiteSpace(authenticationString))
        {
            return null;
        }

        var parts = authenticationString
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var authorization) || !authorization.Equals("AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}
