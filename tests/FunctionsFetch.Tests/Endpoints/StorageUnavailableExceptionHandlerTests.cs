using System.Text.Json;
using Azure;
using FunctionsFetch.Local.Endpoints;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunctionsFetch.Tests.Endpoints;

public sealed class StorageUnavailableExceptionHandlerTests
{
    private readonly StorageUnavailableExceptionHandler _handler = new(NullLogger<StorageUnavailableExceptionHandler>.Instance);

    [Fact]
    public async Task TryHandleAsync_EngineReportsStorageUnavailable_Answers503ProblemWithRetryAfter()
    {
        // Arrange: what the client of the in-process engine throws while Azurite is down.
        var context = NewContext();
        var exception = new RpcException(new Status(StatusCode.Unavailable, "Storage is unavailable: Connection refused"));

        // Act
        var handled = await _handler.TryHandleAsync(context, exception, CancellationToken.None);

        // Assert
        Assert.True(handled);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("10", context.Response.Headers.RetryAfter.ToString());
        Assert.StartsWith("application/problem+json", context.Response.ContentType, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(((MemoryStream)context.Response.Body).ToArray());
        Assert.Equal(503, body.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.6.4", body.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task TryHandleAsync_BlobCallFailsToConnect_Answers503()
    {
        // Arrange: what a results read throws directly from the Azure SDK.
        var context = NewContext();
        var exception = new AggregateException("Retry failed after 4 tries.", new RequestFailedException(0, "Connection refused (127.0.0.1:10000)", null, new HttpRequestException("Connection refused")));

        // Act
        var handled = await _handler.TryHandleAsync(context, exception, CancellationToken.None);

        // Assert
        Assert.True(handled);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
    }

    [Fact]
    public async Task TryHandleAsync_NotAStorageOutage_LeavesItToTheNextHandler()
    {
        // Arrange
        var context = NewContext();

        // Act
        var handled = await _handler.TryHandleAsync(context, new InvalidOperationException("a bug"), CancellationToken.None);

        // Assert
        Assert.False(handled);
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Equal(0, context.Response.Body.Length);
    }

    private static DefaultHttpContext NewContext()
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = "/api/fetch/job1";
        context.Response.Body = new MemoryStream();
        return context;
    }
}
