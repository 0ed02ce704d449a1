using FunctionsFetch.Functions;
using FunctionsFetch.Testing;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsFetch.Tests.Functions;

public sealed class DurableCheckStatusTests
{
    [Theory]
    [InlineData("http://localhost:7071/api/fetch", "job-1")]
    [InlineData("https://fetch.example.test/api/fetch?code=abc", "a job/with spaces")]
    public async Task Accepted_AnyJob_SendsWhatCreateCheckStatusResponseAsyncSends(string url, string instanceId)
    {
        // Arrange
        var harness = new FunctionsHarness();
        harness.Request("POST", url);
        var extension = (FakeHttpResponseData)await harness.Client.Object.CreateCheckStatusResponseAsync(harness.RequestData!, instanceId);

        // Act
        var ours = await ExecutedResult.ExecuteAsync(DurableCheckStatus.Accepted(harness.Client.Object, harness.RequestData!, instanceId));

        // Assert: status, the headers the extension sets, and the payload byte for byte.
        Assert.Equal(extension.StatusCode, ours.StatusCode);
        Assert.Equal(extension.Header("Location"), ours.Header("Location"));
        Assert.Equal(extension.Header("Content-Type"), ours.Header("Content-Type"));
        Assert.Equal(((MemoryStream)extension.Body).ToArray(), ours.Bytes);
    }
}
