using Azure;
using FunctionsFetch.Local.Engine;
using Grpc.Core;

namespace FunctionsFetch.Tests.Engine;

public sealed class StorageUnavailableInterceptorTests
{
    private readonly StorageUnavailableInterceptor _interceptor = new();

    [Fact]
    public async Task UnaryServerHandler_HandlerFailsOnStorage_ThrowsUnavailable()
    {
        // Arrange
        static Task<string> Handler(string request, ServerCallContext context) =>
            throw new AggregateException("Retry failed after 4 tries.", new RequestFailedException(0, "Connection refused", null, null));

        // Act
        var thrown = await Assert.ThrowsAsync<RpcException>(() => _interceptor.UnaryServerHandler("request", null!, Handler));

        // Assert
        Assert.Equal(StatusCode.Unavailable, thrown.StatusCode);
    }

    [Fact]
    public async Task UnaryServerHandler_HandlerFailsOtherwise_LetsTheExceptionThrough()
    {
        // Arrange
        static Task<string> Handler(string request, ServerCallContext context) => throw new InvalidOperationException("a bug");

        // Act
        var thrown = await Record.ExceptionAsync(() => _interceptor.UnaryServerHandler("request", null!, Handler));

        // Assert
        Assert.IsType<InvalidOperationException>(thrown);
    }
}
