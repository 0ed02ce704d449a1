using Azure.Identity;
using FunctionsFetch.Functions.Telemetry;

namespace FunctionsFetch.Tests.Telemetry;

public sealed class AzureMonitorCredentialTests
{
    [Theory]
    [InlineData("ClientId=00000000-0000-0000-0000-000000000001;Authorization=AAD")]
    [InlineData("authorization=aad")]
    public void From_AadAuthenticationString_IsTheManagedIdentity(string authentication)
    {
        // Act
        var credential = AzureMonitorCredential.From(authentication);

        // Assert
        Assert.IsType<ManagedIdentityCredential>(credential);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ClientId=abc")]
    [InlineData("Authorization=Other")]
    public void From_NoAadAuthorization_IsNone(string? authentication)
    {
        // Act
        var credential = AzureMonitorCredential.From(authentication);

        // Assert
        Assert.Null(credential);
    }
}
