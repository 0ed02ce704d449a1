using System.Net;
using FunctionsFetch.Client;
using FunctionsFetch.Tests.TestSupport;

namespace FunctionsFetch.Tests.Client;

public sealed class FetchClientJobTests : IDisposable
{
    private readonly StubHttpHandler _handler = new();

    [Fact]
    public async Task CancelAsync_Running_DeletesTheJobAndReadsItsProgress()
    {
        // Arrange
        _handler.Answer(HttpStatusCode.Accepted, """{"id":"j1","runtimeStatus":"Terminating","total":10,"completed":4,"failed":0}""");
        var client = new FetchClient(_handler.Http);

        // Act
        var progress = await client.CancelAsync("j1");

        // Assert
        var sent = Assert.Single(_handler.Requests);
        Assert.Equal((HttpMethod.Delete, "/api/fetch/j1"), (sent.Method, sent.Uri.PathAndQuery));
        Assert.Equal("Terminating", progress.RuntimeStatus);
    }

    [Fact]
    public async Task CancelAsync_AlreadyEnded_ThrowsWithTheConflict()
    {
        // Arrange
        _handler.Answer(HttpStatusCode.Conflict, """{"title":"The request conflicts with the job's state.","status":409,"detail":"Job 'j1' already ended as Completed."}""", "application/problem+json");
        var client = new FetchClient(_handler.Http);

        // Act
        var exception = await Assert.ThrowsAsync<FetchApiException>(() => client.CancelAsync("j1"));

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, exception.StatusCode);
        Assert.Equal("Job 'j1' already ended as Completed.", exception.Detail);
    }

    [Fact]
    public async Task SetConcurrencyAsync_Running_PostsTheConcurrencyAndReadsTheProgress()
    {
        // Arrange
        _handler.Answer(HttpStatusCode.Accepted, """{"id":"j1","runtimeStatus":"Running","total":10,"completed":4,"failed":0,"throttledHosts":[],"concurrency":75}""");
        var client = new FetchClient(_handler.Http);

        // Act
        var progress = await client.SetConcurrencyAsync("j1", 75);

        // Assert
        var sent = Assert.Single(_handler.Requests);
        Assert.Equal((HttpMethod.Post, "/api/fetch/j1/concurrency", """{"concurrency":75}"""), (sent.Method, sent.Uri.PathAndQuery, sent.Body));
        Assert.Equal(75, progress.Concurrency);
    }

    [Fact]
    public async Task RetryFailedAsync_Ended_PostsToItsRouteAndReadsTheNewJob()
    {
        // Arrange
        _handler.Answer(HttpStatusCode.Accepted, WireSamples.CheckStatus("retry-1"));
        var client = new FetchClient(_handler.Http);

        // Act
        var retry = await client.RetryFailedAsync("j1");

        // Assert
        var sent = Assert.Single(_handler.Requests);
        Assert.Equal((HttpMethod.Post, "/api/fetch/j1/retry-failed", null), (sent.Method, sent.Uri.PathAndQuery, sent.Body));
        Assert.Equal("retry-1", retry.Id);
    }

    [Fact]
    public async Task GetResultsPageAsync_CursorAndLimit_SendsThemAndReadsTheNextCursorAndCompleteness()
    {
        // Arrange
        _handler.Answer(HttpStatusCode.OK, """{"index":3,"url":"https://e.test/3","finalUrl":null,"statusCode":200,"elapsedMs":1,"bytes":1,"sha256":null,"contentType":null,"attempts":1,"error":null}""" + "\n", "application/x-ndjson", response =>
        {
            response.Headers.Add("x-fetch-cursor", "next-token");
            response.Headers.Add("x-fetch-complete", "true");
        });
        var client = new FetchClient(_handler.Http);

        // Act
        using var page = await client.GetResultsPageAsync("j1", after: "a+b", limit: 500);
        var rows = new List<ResultRow>();
        await foreach (var row in page.ReadRowsAsync())
        {
            rows.Add(row);
        }

        // Assert
        var sent = Assert.Single(_handler.Requests);
        Assert.Equal("/api/fetch/j1/results?format=ndjson&after=a%2Bb&limit=500", sent.Uri.PathAndQuery);
        Assert.Equal("next-token", page.Cursor);
        Assert.True(page.Complete);
        Assert.Equal([3], rows.Select(r => r.Index));
    }

    [Fact]
    public async Task GetResultsPageAsync_BadCursor_ThrowsWithTheProblem()
    {
        // Arrange
        _handler.Answer(HttpStatusCode.BadRequest, """{"title":"The request is not valid.","status":400,"detail":"after must be a cursor an earlier page of this job's results gave (was 'x')."}""", "application/problem+json");
        var client = new FetchClient(_handler.Http);

        // Act
        var exception = await Assert.ThrowsAsync<FetchApiException>(() => client.GetResultsPageAsync("j1", after: "x"));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, exception.StatusCode);
        Assert.StartsWith("after must be a cursor", exception.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBodyAsync_Saved_ReturnsItsBytesAndContentType()
    {
        // Arrange
        _handler.Answer(HttpStatusCode.OK, "plain text body", "text/plain");
        var client = new FetchClient(_handler.Http);

        // Act
        using var body = await client.GetBodyAsync("j1", 3);

        // Assert
        Assert.Equal("/api/fetch/j1/results/3/body", Assert.Single(_handler.Requests).Uri.PathAndQuery);
        Assert.Equal("text/plain; charset=utf-8", body.ContentType);
        Assert.Equal("plain text body"u8.ToArray(), await body.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task GetBodyAsync_NoneSaved_ThrowsWithTheDetail()
    {
        // Arrange
        _handler.Answer(HttpStatusCode.NotFound, """{"title":"No stored body.","status":404,"detail":"Index 0 of job 'j1' has no saved body: the job did not ask for saveBodies."}""", "application/problem+json");
        var client = new FetchClient(_handler.Http);

        // Act
        var exception = await Assert.ThrowsAsync<FetchApiException>(() => client.GetBodyAsync("j1", 0));

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, exception.StatusCode);
        Assert.Equal("No stored body.", exception.Title);
        Assert.Contains("saveBodies", exception.Detail, StringComparison.Ordinal);
    }

    public void Dispose() => _handler.Dispose();
}
