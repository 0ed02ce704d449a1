using System.Net;
using System.Text;
using System.Text.Json;
using FunctionsFetch.Api;
using FunctionsFetch.Client;
using FunctionsFetch.Fetching;
using FunctionsFetch.Jobs;
using FunctionsFetch.Local.InstanceApi;
using FunctionsFetch.Serialization;
using FunctionsFetch.Storage;
using FunctionsFetch.Tests.TestSupport;

namespace FunctionsFetch.Tests.Client;

/// <summary>The client's own wire records read what the server's code writes, field for field.</summary>
public sealed class ServerWireTests : IDisposable
{
    private static readonly UrlResult[] Rows =
    [
        new(0, "https://a.test/", "https://a.test/final", 200, 412, 1256, "ea8f", "text/html", 1, null, "j1/bodies/000000000"),
        UrlResult.NotFetched(1, "https://b.test/", FetchErrorKind.TooManyRedirects, "Too many redirects.", elapsedMs: 30, attempts: 6),
    ];

    private readonly StubHttpHandler _handler = new();

    [Fact]
    public async Task StartAsync_ServersCheckStatusPayload_ReadsEveryUrl()
    {
        // Arrange
        var payload = CheckStatusPayload.Create(new Uri("http://127.0.0.1:7071"), "j1", "code=k");
        _handler.Answer(HttpStatusCode.Accepted, JsonSerializer.Serialize(payload, FetchJson.Options));
        var client = new FetchClient(_handler.Http);

        // Act
        var started = await client.StartAsync(["https://a.test/"]);

        // Assert
        Assert.Equal(
            new CheckStatus(payload.Id, payload.StatusQueryGetUri, payload.SendEventPostUri, payload.TerminatePostUri, payload.RewindPostUri,
                payload.PurgeHistoryDeleteUri, payload.RestartPostUri, payload.SuspendPostUri, payload.ResumePostUri),
            started);
    }

    [Fact]
    public async Task GetStatusAsync_ServersProgress_ReadsEveryCount()
    {
        // Arrange
        _handler.Answer(HttpStatusCode.Accepted, JsonSerializer.Serialize(new JobStatusBody("j1", "Running", new JobCounts(10, 3, 1), [new FunctionsFetch.Fetching.ThrottledHost("https://e.test:443", 2, new DateTimeOffset(2026, 12, 3, 7, 0, 0, TimeSpan.Zero))], 40), FetchJson.Options));
        var client = new FetchClient(_handler.Http);

        // Act
        using var status = await client.GetStatusAsync("j1");

        // Assert
        Assert.Equal(new FetchProgress("j1", "Running", 10, 4, 1, Concurrency: 40), status.Progress! with { ThrottledHosts = null });
        Assert.Equal([new FunctionsFetch.Client.ThrottledHost("https://e.test:443", 2, new DateTimeOffset(2026, 12, 3, 7, 0, 0, TimeSpan.Zero))], status.Progress.ThrottledHosts!);
    }

    [Fact]
    public async Task WaitForResultsAsync_ServersResultsDocument_ReadsEveryField()
    {
        // Arrange
        using var document = new MemoryStream();
        await JobResultsDocument.WriteAsync(document, "j1", "Terminated", new JobCounts(3, 1, 1), "enough", callback: null, RowsAsync(), CancellationToken.None);
        _handler.Answer(HttpStatusCode.OK, Encoding.UTF8.GetString(document.ToArray()));
        var client = new FetchClient(_handler.Http);

        // Act
        var results = await client.WaitForResultsAsync("j1");

        // Assert
        Assert.Equal(("j1", "Terminated", 3, 1, 1, "enough"), (results.Id, results.RuntimeStatus, results.Total, results.Succeeded, results.Failed, results.Reason));
        Assert.Equal(Rows.Select(Expected), results.Results);
    }

    [Fact]
    public async Task GetStatusAsync_ServersProgressWithACallback_ReadsItsOutcome()
    {
        // Arrange
        var body = new JobStatusBody("j1", "Running", new JobCounts(10, 3, 1), [], 40) { Callback = new FunctionsFetch.Storage.CallbackOutcome(false, 500, 2) };
        _handler.Answer(HttpStatusCode.Accepted, JsonSerializer.Serialize(body, FetchJson.Options));
        var client = new FetchClient(_handler.Http);

        // Act
        using var status = await client.GetStatusAsync("j1");

        // Assert
        Assert.Equal(new FunctionsFetch.Client.CallbackOutcome(false, 500, 2), status.Progress!.Callback);
    }

    [Fact]
    public async Task WaitForResultsAsync_ServersResultsDocumentWithACallback_ReadsItsOutcome()
    {
        // Arrange
        using var document = new MemoryStream();
        await JobResultsDocument.WriteAsync(document, "j1", "Completed", new JobCounts(2, 2, 0), null, new FunctionsFetch.Storage.CallbackOutcome(true, 200, 1), RowsAsync(), CancellationToken.None);
        _handler.Answer(HttpStatusCode.OK, Encoding.UTF8.GetString(document.ToArray()));
        var client = new FetchClient(_handler.Http);

        // Act
        var results = await client.WaitForResultsAsync("j1");

        // Assert
        Assert.Equal(new FunctionsFetch.Client.CallbackOutcome(true, 200, 1), results.Callback);
    }

    [Fact]
    public async Task ReadRowsAsync_ServersNdjson_ReadsEveryRow()
    {
        // Arrange
        using var lines = new MemoryStream();
        await ResultStreamWriters.WriteNdjsonAsync(lines, RowsAsync(), CancellationToken.None);
        _handler.Answer(HttpStatusCode.OK, Encoding.UTF8.GetString(lines.ToArray()), "application/x-ndjson");
        var client = new FetchClient(_handler.Http);
        using var results = await client.WaitAsync("j1", FunctionsFetch.Client.ResultFormat.Ndjson);

        // Act
        var rows = new List<ResultRow>();
        await foreach (var row in results.ReadRowsAsync())
        {
            rows.Add(row);
        }

        // Assert
        Assert.Equal(Rows.Select(Expected), rows);
    }

    public void Dispose() => _handler.Dispose();

    private static async IAsyncEnumerable<UrlResult> RowsAsync()
    {
        foreach (var row in Rows)
        {
            await Task.Yield();
            yield return row;
        }
    }

    private static ResultRow Expected(UrlResult r) => new(
        r.Index, r.Url, r.FinalUrl, r.StatusCode, r.ElapsedMs, r.Bytes, r.Sha256, r.ContentType, r.Attempts,
        r.Error is null ? null : new ResultError(JsonNamingPolicy.CamelCase.ConvertName(r.Error.Kind.ToString()), r.Error.Message),
        r.BodyBlob);
}
