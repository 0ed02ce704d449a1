using System.Collections.Concurrent;
using FunctionsFetch.Fetching;
using FunctionsFetch.Testing;
using FunctionsFetch.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Tests.Fetching;

public sealed class CallbackHttpClientTests
{
    [Fact]
    public async Task CallbackClient_TraceLogging_ShowsHeaderNamesButNeverAValue()
    {
        // Arrange: the callback client keeps the client factory's logs, which show request headers at Trace.
        var lines = new ConcurrentQueue<string>();
        await using var services = TestServices.Build(logging: logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new LineLoggerProvider(lines)));
        await using var server = await LoopbackServer.StartAsync(_ => Task.CompletedTask);
        using var request = new HttpRequestMessage(HttpMethod.Post, server.Url("/hook"));
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer secret-token-123");

        // Act
        using var response = await services.GetRequiredService<IHttpClientFactory>().CreateClient(CallbackHttpClient.Name).SendAsync(request);

        // Assert
        Assert.Contains(lines, line => line.Contains("Authorization", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains("secret", StringComparison.Ordinal));
    }
}
