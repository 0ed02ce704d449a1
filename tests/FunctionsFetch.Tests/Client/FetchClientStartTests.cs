using System.Net;
using System.Text.Json;
using FunctionsFetch.Client;
using FunctionsFetch.Tests.TestSupport;

namespace FunctionsFetch.Tests.Client;

public sealed class FetchClientStartTests : IDisposable
{
    private readonly StubHttpHandler _handler = new();

    [Fact]
    public async Task StartAsync_NoOptionsNoJobId_PostsOnlyTheUrls()
    {
        // Arrange: the server refuses "options": null, so null must mean absent.
        _handler.Answer(HttpStatusCode.Accepted, WireSamples.CheckStatus("j1"));
        var client = new FetchClient(_handler.Http);

        // Act
        var started = await client.StartAsync(["https://a.test/", "https://b.test/"]);

        // Assert
        var sent = Assert.Single(_handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("/api/fetch", sent.Uri.AbsolutePath);
        Assert.Equal("""{"urls":["https://a.test/","https://b.test/"]}""", sent.Body);
        Assert.Null(sent.ApiKey);
        Assert.Equal("j1", started.Id);
        Assert.EndsWith("/instances/j1/terminate?reason={text}", started.TerminatePostUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_MethodAndHeaders_SendsHeaderNamesAsGiven()
    {
        // Arrange: the CLI's shape; header names are not options, so no naming policy may touch them.
        _handler.Answer(HttpStatusCode.Accepted, WireSamples.CheckStatus("j2"));
        var client = new FetchClient(_handler.Http);
        var options = new Dictionary<string, object>
        {
            ["method"] = "HEAD",
            ["headers"] = new Dictionary<string, string> { ["User-Agent"] = "checker/1", ["Authorization"] = "Bearer t" },
        };

        // Act
        await client.StartAsync(["https://a.test/"], options);

        // Assert
        var sent = Assert.Single(_handler.Requests);
        Assert.Equal("""{"urls":["https://a.test/"],"options":{"method":"HEAD","headers":{"User-Agent":"checker/1","Authorization":"Bearer t"}}}""", sent.Body);
    }

    [Fact]
    public async Task StartAsync_OptionsJobIdAndKey_SendsThemAsGiven()
    {
        // Arrange
        _handler.Answer(HttpStatusCode.Accepted, WireSamples.CheckStatus("nightly-1"));
        var client = new FetchClient(_handler.Http, apiKey: "s3cret");
        var options = new Dictionary<string, long> { ["batchSize"] = 5, ["saveBodies"] = 1 };

        // Act
        await client.StartAsync(["https://a.test/"], options, jobId: "nightly-1");

        // Assert
        var sent = Assert.Single(_handler.Requests);
        using var body = JsonDocument.Parse(sent.Body!);
        Assert.Equal(["urls", "options", "jobId"], body.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("""{"batchSize":5,"saveBodies":1}""", body.RootElement.GetProperty("options").GetRawText());
        Assert.Equal("nightly-1", body.RootElement.GetProperty("jobId").GetString());
        Assert.Equal("s3cret", sent.ApiKey);
    }

    [Fact]
    public async Task StartAsync_ProblemAnswer_ThrowsWithTheStatusTitleAndDetail()
    {
        // Arrange
        _handler.Answer(HttpStatusCode.BadRequest, WireSamples.Problem, "application/problem+json");
        var client = new FetchClient(_handler.Http);

        // Act
        var exception = await Assert.ThrowsAsync<FetchApiException>(() => client.StartAsync(["https://a.test/"]));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, exception.StatusCode);
        Assert.Equal("The request is not valid.", exception.Title);
        Assert.Equal("urls must not be empty.", exception.Detail);
        Assert.Equal(WireSamples.Problem, exception.Body);
        Assert.Contains("400: urls must not be empty.", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_AcceptedWithoutAnId_ThrowsJsonException()
    {
        // Arrange
        _handler.Answer(HttpStatusCode.Accepted, """{"statusQueryGetUri":"http://127.0.0.1:7071/x"}""");
        var client = new FetchClient(_handler.Http);

        // Act
        var start = () => client.StartAsync(["https://a.test/"]);

        // Assert
        await Assert.ThrowsAsync<JsonException>(start);
    }

    [Fact]
    public void Constructor_HttpClientWithoutBaseAddress_Throws()
    {
        // Arrange
        using var http = new HttpClient(_handler, disposeHandler: false);

        // Act
        var create = () => new FetchClient(http);

        // Assert
        Assert.Throws<ArgumentException>(create);
    }

    public void Dispose() => _handler.Dispose();
}
