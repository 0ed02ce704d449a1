using FunctionsFetch.Storage;
using FunctionsFetch.Local.Storage;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace FunctionsFetch.Local.Engine;

/// <summary>
/// The engine's gRPC API reports a storage outage as what it is. Without this, a handler's exception reaches the
/// client as <c>Unknown</c>, "Exception was thrown by handler.", and the HTTP API cannot tell it from a bug;
/// with it, the client gets <see cref="StatusCode.Unavailable"/> and the HTTP API answers 503.
/// </summary>
internal sealed class StorageUnavailableInterceptor : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request,
        ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            return await continuation(request, context);
        }
        catch (Exception exception) when (exception is not RpcException && StorageErrors.IsUnavailable(exception))
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"Storage is unavailable: {StorageErrors.Summary(exception)}", exception));
        }
    }
}
