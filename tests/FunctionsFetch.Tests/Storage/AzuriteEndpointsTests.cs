using FunctionsFetch.Local.Storage;

namespace FunctionsFetch.Tests.Storage;

public sealed class AzuriteEndpointsTests
{
    [Fact]
    public void PortsOf_DevelopmentStorage_IsAzuritesDefaultPorts()
    {
        // Act
        var ports = AzuriteEndpoints.PortsOf("UseDevelopmentStorage=true");

        // Assert
        Assert.Equal([10000, 10001, 10002], ports!);
    }

    [Fact]
    public void PortsOf_DevelopmentAccountOnLoopbackPorts_IsThosePorts()
    {
        // Act
        var ports = AzuriteEndpoints.PortsOf(AzuriteInstance.ConnectionStringFor([41001, 41002, 41003]));

        // Assert
        Assert.Equal([41001, 41002, 41003], ports!);
    }

    [Theory]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=prodaccount;AccountKey=a2V5;EndpointSuffix=core.windows.net")]
    [InlineData("AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://storage.example:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1")]
    [InlineData("AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1")]
    public void PortsOf_NotAnAzuriteOnThisMachine_IsNull(string connectionString)
    {
        // Act
        var ports = AzuriteEndpoints.PortsOf(connectionString);

        // Assert
        Assert.Null(ports);
    }
}
