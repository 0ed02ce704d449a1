using FunctionsFetch.Configuration;

namespace FunctionsFetch.Local.Storage;

/// <summary>The blob, queue and table ports of a connection string that names Azurite on this machine, so the host can start it there.</summary>
public static class AzuriteEndpoints
{
    public static readonly int[] DefaultPorts = [10000, 10001, 10002];

    private const string DevelopmentAccount = "devstoreaccount1";
    private static readonly string[] EndpointKeys = ["BlobEndpoint", "QueueEndpoint", "TableEndpoint"];

    /// <summary>
    /// <c>UseDevelopmentStorage=true</c>: the default ports; a connection string of the development account with all
    /// three endpoints on loopback: their ports; anything else (a real account) is not Azurite's: null.
    /// </summary>
    public static int[]? PortsOf(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        if (StorageConnection.IsDevelopmentStorage(connectionString))
        {
            return DefaultPorts;
        }

        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0], StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => group.Last()[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("AccountName", out var account) || !string.Equals(account, DevelopmentAccount, StringComparison.Ordinal))
        {
            return null;
        }

        var ports = EndpointKeys
            .Select(key => parts.TryGetValue(key, out var value) && Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.IsLoopback ? uri.Port : (int?)null)
            .ToArray();
        return ports.All(port => port is not null) ? ports.Select(port => port!.Value).ToArray() : null;
    }
}
