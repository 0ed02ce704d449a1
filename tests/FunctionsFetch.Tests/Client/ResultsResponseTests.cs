using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FunctionsFetch.Client;
using FunctionsFetch.Tests.TestSupport;

namespace FunctionsFetch.Tests.Client;

public sealed class ResultsResponseTests : IDisposable
{
    private readonly StubHttpHandler _handler = new();

    [Fact]
    public async Task ReadRowsAsync_NdjsonStillArriving_YieldsEachRowAsItsLineArrives()
    {
        // Arrange: the second line is written only once the first row has been read.
        var pipe = new Pipe();
        _handler.Answer(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(pipe.Reader.AsStream()) { Headers = { ContentType = new MediaTypeHeaderValue("application/x-ndjson") } },
        });
        var client = new FetchClient(_handler.Http);
        using var status = await client.GetStatusAsync("j1", ResultFormat.Ndjson);
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(WireSamples.OkRow + "\n"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var rows = new List<ResultRow>();

        // Act
        await foreach (var row in status.Results!.ReadRowsAsync(timeout.Token))
        {
            rows.Add(row);
            if (rows.Count == 1)
            {
                await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(WireSamples.TimeoutRow + "\n\n"), timeout.Token);
                await pipe.Writer.CompleteAsync();
            }
        }

        // Assert
        Assert.Equal([0, 1], rows.Select(r => r.Index));
        Assert.Equal("timeout", rows[1].Error?.Kind);
        Assert.Equal(("W/\"v1\"", new DateTimeOffset(2026, 11, 30, 8, 15, 0, TimeSpan.Zero)), (rows[0].ETag, rows[0].LastModified));
        Assert.Null(rows[1].ETag);
        Assert.Null(rows[1].LastModified);
    }

    [Fact]
    public async Task Counts_NdjsonWithCountHeaders_ReadsThem()
    {
        // Arrange
        _handler.Answer(HttpStatusCode.OK, WireSamples.OkRow + "\n", "application/x-ndjson", r =>
        {
            r.Headers.Add("x-fetch-runtime-status", "Failed");
            r.Headers.Add("x-fetch-total", "100");
            r.Headers.Add("x-fetch-succeeded", "7");
            r.Headers.Add("x-fetch-failed", "13");
        });
        var client = new FetchClient(_handler.Http);

        // Act
        using var status = await client.GetStatusAsync("j1", ResultFormat.Ndjson);

        // Assert
        Assert.True(status.HasEnded);
        Assert.Equal(new ResultCounts("j1", "Failed", 100, 7, 13), status.Results.Counts);
        Assert.Equal("application/x-ndjson; charset=utf-8", status.Results.ContentType);
    }

    [Fact]
    public async Task ReadResultsAsync_NdjsonResults_ThrowsNamingTheFormat()
    {
        // Arrange
        _handler.Answer(HttpStatusCode.OK, WireSamples.OkRow + "\n", "application/x-ndjson");
        var client = new FetchClient(_handler.Http);
        using var status = await client.GetStatusAsync("j1", ResultFormat.Ndjson);
        var results = status.Results!;

        // Act
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => results.ReadResultsAsync());

        // Assert
        Assert.Contains("Ndjson", exception.Message, StringComparison.Ordinal);
        Assert.Null(results.Counts);
    }

    public void Dispose() => _handler.Dispose();
}
