using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using FunctionsFetch.Configuration;
using Microsoft.Extensions.Configuration;

namespace FunctionsFetch.Storage;

/// <summary>
/// The blob service the job store lives in, from the same <c>AzureWebJobsStorage</c> setting the task hub uses:
/// a connection string (Azurite, or a key-based account), or in Azure the identity-based form
/// (<c>AzureWebJobsStorage__accountName</c> or <c>__blobServiceUri</c>, <c>__credential</c>, <c>__clientId</c>),
/// so the app needs no account key.
/// </summary>
public static class JobStoreBlobService
{
    public static BlobServiceClient Create(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration[StorageConnection.SettingName];
        var section = configuration.GetSection(StorageConnection.SettingName);
        if (!string.IsNullOrWhiteSpace(connectionString) || BlobEndpoint(section) is not { } endpoint)
        {
            return new BlobServiceClient(StorageConnection.Resolve(connectionString));
        }

        return new BlobServiceClient(endpoint, Credential(section));
    }

    private static Uri? BlobEndpoint(IConfigurationSection section)
    {
        if (section["blobServiceUri"] is { Length: > 0 } uri)
        {
            return new Uri(uri);
        }

        return section["accountName"] is { Length: > 0 } account ? new Uri($"https://{account}.blob.core.windows.net") : null;
    }

    /// <summary>As the Functions host reads these settings: <c>managedidentity</c> (with a client id when user-assigned), else the default chain.</summary>
    private static TokenCredential Credential(IConfigurationSection section)
    {
        if (!string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            return new DefaultAzureCredential();
        }

        return section["clientId"] is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}
