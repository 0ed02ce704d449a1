using FunctionsFetch.Storage;
using System.Net.Sockets;
using Azure;
using FunctionsFetch.Local.Storage;
using Grpc.Core;

namespace FunctionsFetch.Tests.Storage;

public sealed class StorageErrorsTests
{
    public static TheoryData<Exception> Unavailable => new()
    {
        // What the Azure SDK throws against a stopped Azurite once its retries are used up.
        new AggregateException("Retry failed after 6 tries.", new RequestFailedException(0, "Connection refused", null, new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused)))),
        new InvalidOperationException("wrapped by the provider", new RequestFailedException(503, "Server busy", "ServerBusy", null)),
        new RequestFailedException(500, "Internal error"),
        new HttpRequestException("Connection refused"),
        new RpcException(new Status(StatusCode.Unavailable, "Storage is unavailable")),
    };

    public static TheoryData<Exception> NotUnavailable => new()
    {
        new InvalidOperationException("a bug"),
        new RequestFailedException(404, "The specified blob does not exist.", "BlobNotFound", null),
        new RequestFailedException(409, "Conflict", "Conflict", null),
        new RpcException(new Status(StatusCode.Unknown, "Exception was thrown by handler.")),
    };

    [Theory]
    [MemberData(nameof(Unavailable))]
    public void IsUnavailable_OutageFailure_ReturnsTrue(Exception exception)
    {
        // Arrange, Act
        var unavailable = StorageErrors.IsUnavailable(exception);

        // Assert
        Assert.True(unavailable);
    }

    [Theory]
    [MemberData(nameof(NotUnavailable))]
    public void IsUnavailable_OtherFailure_ReturnsFalse(Exception exception)
    {
        // Arrange, Act
        var unavailable = StorageErrors.IsUnavailable(exception);

        // Assert
        Assert.False(unavailable);
    }

    [Theory]
    [InlineData(404, "MessageNotFound", true)]
    [InlineData(400, "PopReceiptMismatch", true)]
    [InlineData(400, "InvalidQueryParameterValue", false)]
    [InlineData(0, null, false)]
    [InlineData(503, "ServerBusy", false)]
    public void IsMessageGone_WrappedByTheProvider_ReadsTheStatusAndCode(int status, string? errorCode, bool expected)
    {
        // Arrange
        var exception = new InvalidOperationException("An error occurred while communicating with Azure Storage", new RequestFailedException(status, "message", errorCode, null));

        // Act
        var gone = StorageErrors.IsMessageGone(exception);

        // Assert
        Assert.Equal(expected, gone);
    }

    [Fact]
    public void Summary_SdkRetrySummary_NamesTheInnermostCause()
    {
        // Arrange
        var exception = new AggregateException("Retry failed after 6 tries.", new RequestFailedException(0, "Connection refused (127.0.0.1:10001)", null, new HttpRequestException("Connection refused (127.0.0.1:10001)")));

        // Act
        var summary = StorageErrors.Summary(exception);

        // Assert
        Assert.Equal("Connection refused (127.0.0.1:10001)", summary);
    }

    [Fact]
    public void Summary_ErrorAnswer_NamesStatusAndCode()
    {
        // Arrange
        var exception = new InvalidOperationException("wrapped", new RequestFailedException(400, "The pop receipt does not match.\nStatus: 400\n...", "PopReceiptMismatch", null));

        // Act
        var summary = StorageErrors.Summary(exception);

        // Assert
        Assert.Equal("400 PopReceiptMismatch", summary);
    }
}
