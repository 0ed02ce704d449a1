using System.Net;
using FunctionsFetch.Client;
using FunctionsFetch.IntegrationTests.Infrastructure;
using FunctionsFetch.Local;
using FunctionsFetch.Testing;
using Microsoft.AspNetCore.Http;

namespace FunctionsFetch.IntegrationTests.Api;

/// <summary><c>GET /api/fetch/{id}/results</c> on Azurite: a running job's results read a page at a time as its batches finish.</summary>
[Collection(AzuriteTests.Name)]
public sealed class ResultsPageTests(AzuriteFixture azurite)
{
    private const int Count = 2_000;
    private const int BatchSize = 100;

    [Fact]
    public async Task GetResultsPage_ThreeReadsDuringA2000UrlJob_JoinedEqualTheFinalResults()
    {
        // Arrange: the target holds the second and third thirds of the URLs until the test lets each go.
        var gates = new[] { Open(), new TaskCompletionSource(), new TaskCompletionSource() };
        await using var target = await LoopbackServer.StartAsync(async context =>
        {
            var phase = int.Parse(context.Request.Query["phase"]!, System.Globalization.CultureInfo.InvariantCulture);
            await gates[phase].Task.WaitAsync(context.RequestAborted);
            await context.Response.WriteAsync($"item {context.Request.Path}");
        });
        var settings = new HostSettings(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next());
        await using var host = await InProcessHost.StartAsync(settings);
        var urls = Enumerable.Range(0, Count).Select(i => target.Url($"/item/{i}?phase={PhaseOf(i)}")).ToArray();
        var started = await host.Api.StartAsync(urls, new { concurrency = 100, batchSize = BatchSize, batchParallelism = 25, maxParallelBatches = 4 });
        var id = started.Id;
        var read = new List<ResultRow>();
        string? cursor = null;
        var reads = new List<(int Rows, bool Complete, string Status)>();

        // Act: read while each third finishes, then let the next go; the last read is the one that says complete.
        for (var phase = 0; phase < gates.Length; phase++)
        {
            var through = Enumerable.Range(0, Count).Count(i => PhaseOf(i) <= phase);
            bool complete;
            do
            {
                (cursor, complete) = await ReadPageAsync(host.Api, id, cursor, read);
                using var status = await host.Api.GetStatusAsync(id);
                reads.Add((read.Count, complete, status.Progress?.RuntimeStatus ?? "ended"));
                if (read.Count < through)
                {
                    await Task.Delay(100);
                }
            }
            while (read.Count < through && !complete);

            Assert.Equal(through, read.Count);
            if (phase + 1 < gates.Length)
            {
                gates[phase + 1].SetResult();
            }
        }

        while (!reads[^1].Complete)
        {
            (cursor, var complete) = await ReadPageAsync(host.Api, id, cursor, read);
            reads.Add((read.Count, complete, "ended"));
            if (!complete)
            {
                await Task.Delay(100);
            }
        }

        using var final = await host.Api.WaitAsync(id, ResultFormat.Ndjson, Polling.Within(TimeSpan.FromMinutes(5)));
        var expected = new List<ResultRow>();
        await foreach (var row in final.ReadRowsAsync())
        {
            expected.Add(row);
        }

        // Assert: every result once, the same as the job's final results; the first two thirds were read while it ran.
        Assert.Equal("Completed", final.Counts?.RuntimeStatus);
        Assert.Equal(Count, expected.Count);
        Assert.Equal(Count, read.Count);
        Assert.Equal(read.Count, read.Select(r => r.Index).Distinct().Count());
        Assert.Equal(expected, read.OrderBy(r => r.Index));
        Assert.Contains(reads, r => r.Rows == 700 && r.Status == "Running" && !r.Complete);
        Assert.Contains(reads, r => r.Rows == 1_400 && r.Status == "Running" && !r.Complete);
        Assert.All(reads.SkipLast(1), r => Assert.False(r.Complete));
    }

    [Fact]
    public async Task GetResultsPage_BadCursorOrUnknownJob_Answers400Or404Problem()
    {
        // Arrange
        await using var target = await LatencyTarget.StartAsync(TimeSpan.Zero);
        var settings = new HostSettings(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next());
        await using var host = await InProcessHost.StartAsync(settings);
        var started = await host.Api.StartAsync([target.Url("one")]);

        // Act
        using var badCursor = await host.Http.GetAsync(new Uri($"/api/fetch/{started.Id}/results?after=nope", UriKind.Relative));
        using var badLimit = await host.Http.GetAsync(new Uri($"/api/fetch/{started.Id}/results?limit=10001", UriKind.Relative));
        using var unknown = await host.Http.GetAsync(new Uri("/api/fetch/no-such-job/results", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, badCursor.StatusCode);
        Assert.Equal("application/problem+json", badCursor.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>URLs 0-699 answer at once, 700-1399 once the second gate opens, the rest once the third does (batch-aligned).</summary>
    private static int PhaseOf(int index) => index < 700 ? 0 : index < 1_400 ? 1 : 2;

    private static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource();
        open.SetResult();
        return open;
    }

    private static async Task<(string? Cursor, bool Complete)> ReadPageAsync(FetchClient api, string id, string? after, List<ResultRow> into)
    {
        using var page = await api.GetResultsPageAsync(id, after, ResultFormat.Ndjson, limit: 250);
        await foreach (var row in page.ReadRowsAsync())
        {
            into.Add(row);
        }

        return (page.Cursor, page.Complete);
    }
}
