using System.Reflection;
using System.Runtime.Versioning;
using FunctionsFetch.Functions;

namespace FunctionsFetch.Tests.Deployment;

/// <summary>The infrastructure reaches storage and telemetry by managed identity only, and runs the app's .NET.</summary>
public sealed class BicepSecurityTests
{
    public static TheoryData<string> BicepFiles => [.. DeploymentFiles.AllBicep()];

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public void Bicep_AnyFile_HoldsNoKeyOrConnectionString(string path)
    {
        // Arrange
        var bicep = File.ReadAllText(path);

        // Assert
        Assert.DoesNotContain("listKeys", bicep, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AccountKey=", bicep, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("DefaultEndpointsProtocol", bicep, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("InstrumentationKey", bicep, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void StorageBicep_Account_RefusesSharedKeysAndGrantsTheAppsDataRoles()
    {
        // Arrange
        var bicep = DeploymentFiles.Read(DeploymentFiles.StorageBicep);

        // Assert
        Assert.Contains("allowSharedKeyAccess: false", bicep, StringComparison.Ordinal);
        Assert.Contains("'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'", bicep, StringComparison.Ordinal); // Storage Blob Data Owner
        Assert.Contains("'974c5e8b-45b9-4653-ba55-5f855dd0fb88'", bicep, StringComparison.Ordinal); // Storage Queue Data Contributor
        Assert.Contains("'0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'", bicep, StringComparison.Ordinal); // Storage Table Data Contributor
    }

    [Fact]
    public void StorageBicep_Retention_DeletesOldBlobsOnlyUnderTheResultsContainer()
    {
        // Arrange
        var bicep = DeploymentFiles.Read(DeploymentFiles.StorageBicep);

        // Assert: the rule's prefix is the container the app writes results and bodies to.
        Assert.Contains("Microsoft.Storage/storageAccounts/managementPolicies", bicep, StringComparison.Ordinal);
        Assert.Contains($"prefixMatch: [ '{FunctionsFetch.Storage.JobStoreLayout.ContainerName}/' ]", bicep, StringComparison.Ordinal);
        Assert.Contains("daysAfterModificationGreaterThan: resultRetentionDays", bicep, StringComparison.Ordinal);
    }

    [Fact]
    public void FunctionAppBicep_Storage_IsReachedByManagedIdentity()
    {
        // Arrange
        var bicep = DeploymentFiles.Read(DeploymentFiles.FunctionAppBicep);

        // Assert
        Assert.Contains("AzureWebJobsStorage__accountName:", bicep, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage__credential: 'managedidentity'", bicep, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage__clientId:", bicep, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"^\s*AzureWebJobsStorage:", bicep);
        Assert.Contains("Authorization=AAD", bicep, StringComparison.Ordinal);
    }

    [Fact]
    public void FunctionAppBicep_Runtime_IsTheAppsTargetFramework()
    {
        // Arrange
        var bicep = DeploymentFiles.Read(DeploymentFiles.FunctionAppBicep);
        var framework = typeof(FetchStarter).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()!.FrameworkName;
        var version = new FrameworkName(framework).Version.ToString(2);

        // Assert
        Assert.Contains("name: 'dotnet-isolated'", bicep, StringComparison.Ordinal);
        Assert.Contains($"version: '{version}'", bicep, StringComparison.Ordinal);
        Assert.Contains("'azd-service-name': 'api'", bicep, StringComparison.Ordinal);
    }
}
