using FunctionsFetch.Storage;
using Microsoft.Extensions.Configuration;

namespace FunctionsFetch.Tests.Storage;

public sealed class JobStoreBlobServiceTests
{
    [Fact]
    public void Create_AccountNameOnly_UsesTheAccountsBlobEndpointWithoutAKey()
    {
        // Arrange: what the Bicep sets in Azure.
        var configuration = Configuration(new()
        {
            ["AzureWebJobsStorage:accountName"] = "fetchstore",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
        });

        // Act
        var client = JobStoreBlobService.Create(configuration);

        // Assert
        Assert.Equal(new Uri("https://fetchstore.blob.core.windows.net/"), client.Uri);
        Assert.False(client.CanGenerateAccountSasUri);
    }

    [Fact]
    public void Create_BlobServiceUri_UsesIt()
    {
        // Arrange
        var configuration = Configuration(new() { ["AzureWebJobsStorage:blobServiceUri"] = "https://other.blob.core.windows.net" });

        // Act
        var client = JobStoreBlobService.Create(configuration);

        // Assert
        Assert.Equal("other", client.AccountName);
    }

    [Fact]
    public void Create_NothingSet_UsesTheEmulator()
    {
        // Arrange
        var configuration = Configuration([]);

        // Act
        var client = JobStoreBlobService.Create(configuration);

        // Assert
        Assert.Equal("devstoreaccount1", client.AccountName);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
