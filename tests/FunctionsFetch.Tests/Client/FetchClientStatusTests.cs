using System.Net;
using System.Net.Http.Headers;
using FunctionsFetch.Client;
using FunctionsFetch.Tests.TestSupport;

namespace FunctionsFetch.Tests.Client;

public sealed class FetchClientStatusTests : IDisposable
{
    private readonly StubHttpHandler _handler = new();
    private readonly InstantTimeProvider _time = new();

    [Fact]
    public async Task GetStatusAsync_Running_ReadsTheProgressAndRetryAfter()
    {
        // Arrange
        _handler.Answer(HttpStatusCode.Accepted, WireSamples.Progress("j 1", completed: 4), configure: RetryAfterSeconds(2));
        var client = new FetchClient(_handler.Http);

        // Act
        using var status = await client.GetStatusAsync("j 1", ResultFormat.Csv);

        // Assert
        Assert.False(status.HasEnded);
        Assert.Equal(new FetchProgress("j 1", "Running", 10, 4, 1), status.Progress);
        Assert.Equal(TimeSpan.FromSeconds(2), status.RetryAfter);
        Assert.Equal("/api/fetch/j%201?format=csv", Assert.Single(_handler.Requests).Uri.PathAndQuery);
    }

    [Fact]
    public async Task GetStatusAsync_RetryAfterAsADate_IsTheWaitFromNow()
    {
        // Arrange
        _handler.Answer(HttpStatusCode.Accepted, WireSamples.Progress("j1", completed: 0), configure: r => r.Headers.RetryAfter = new RetryConditionHeaderValue(_time.Now.AddSeconds(5)));
        var client = new FetchClient(_handler.Http, timeProvider: _time);

        // Act
        using var status = await client.GetStatusAsync("j1");

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(5), status.RetryAfter);
    }

    [Fact]
    public async Task GetStatusAsync_UnknownJobWithATextBody_ThrowsWithTheStatusAndTheText()
    {
        // Arrange
        _handler.Answer(HttpStatusCode.NotFound, "no such job", "text/plain");
        var client = new FetchClient(_handler.Http);

        // Act
        var exception = await Assert.ThrowsAsync<FetchApiException>(() => client.GetStatusAsync("nope"));

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, exception.StatusCode);
        Assert.Null(exception.Detail);
        Assert.Null(exception.Title);
        Assert.Equal("no such job", exception.Body);
    }

    [Fact]
    public async Task WaitAsync_RetryAfter_WaitsAsAskedUpToMaxDelayAndReportsEachProgress()
    {
        // Arrange: 2 s is honoured, 100 s is capped at 5 s, and no Retry-After waits the default.
        _handler
            .Answer(HttpStatusCode.Accepted, WireSamples.Progress("j1", completed: 1), configure: RetryAfterSeconds(2))
            .Answer(HttpStatusCode.Accepted, WireSamples.Progress("j1", completed: 5), configure: RetryAfterSeconds(100))
            .Answer(HttpStatusCode.Accepted, WireSamples.Progress("j1", completed: 9))
            .Answer(HttpStatusCode.OK, "a,b\n", "text/csv");
        var client = new FetchClient(_handler.Http, timeProvider: _time);
        var seen = new List<int>();

        // Act
        using var results = await client.WaitAsync("j1", ResultFormat.Csv, new PollOptions { MaxDelay = TimeSpan.FromSeconds(5) }, p => seen.Add(p.Completed));

        // Assert
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), PollOptions.DefaultDelay], _time.Waits);
        Assert.Equal([1, 5, 9], seen);
        Assert.Equal(ResultFormat.Csv, results.Format);
        Assert.Equal(4, _handler.Requests.Count);
    }

    [Fact]
    public async Task WaitAsync_NotEndedWithinTheTimeout_ThrowsTimeoutNamingTheLastProgress()
    {
        // Arrange
        _handler.Answer(HttpStatusCode.Accepted, WireSamples.Progress("j1", completed: 3), configure: RetryAfterSeconds(2));
        var client = new FetchClient(_handler.Http, timeProvider: _time);

        // Act
        var exception = await Assert.ThrowsAsync<TimeoutException>(() => client.WaitAsync("j1", poll: new PollOptions { Timeout = TimeSpan.Zero }));

        // Assert
        Assert.Contains("Completed = 3", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitForResultsAsync_Ended_ReadsTheWholeDocument()
    {
        // Arrange
        _handler.Answer(HttpStatusCode.OK, $$"""
            {"id":"j1","runtimeStatus":"Terminated","total":3,"succeeded":1,"failed":1,"results":[{{WireSamples.OkRow}},{{WireSamples.TimeoutRow}}],"reason":"enough"}
            """);
        var client = new FetchClient(_handler.Http);

        // Act
        var results = await client.WaitForResultsAsync("j1");

        // Assert
        Assert.Equal(("Terminated", 3, 1, 1, "enough"), (results.RuntimeStatus, results.Total, results.Succeeded, results.Failed, results.Reason));
        Assert.Equal(new ResultRow(0, "https://a.test/", "https://a.test/", 200, 412, 1256, "ea8f", "text/html", 1, null, ETag: "W/\"v1\"", LastModified: new DateTimeOffset(2026, 11, 30, 8, 15, 0, TimeSpan.Zero)), results.Results[0]);
        Assert.Null(results.Results[1].StatusCode);
        Assert.Equal(new ResultError("timeout", "No response headers arrived within the attempt timeout."), results.Results[1].Error);
        Assert.Equal("/api/fetch/j1?format=json", Assert.Single(_handler.Requests).Uri.PathAndQuery);
    }

    public void Dispose() => _handler.Dispose();

    private static Action<HttpResponseMessage> RetryAfterSeconds(int seconds) =>
        response => response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
}
