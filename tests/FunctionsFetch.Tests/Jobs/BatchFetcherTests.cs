using System.Security.Cryptography;
using System.Text;
using FunctionsFetch.Configuration;
using FunctionsFetch.Diagnostics;
using FunctionsFetch.Fetching;
using FunctionsFetch.Jobs;
using FunctionsFetch.Storage;
using FunctionsFetch.Testing;
using FunctionsFetch.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FunctionsFetch.Tests.Jobs;

public sealed class BatchFetcherTests : IAsyncLifetime
{
    private readonly ServiceProvider _services = TestServices.Build();
    private readonly JobStore _store = new(new InMemoryBlobContainer());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task FetchAsync_SaveBodies_StoresEachBodyUnderTheJobAndNamesItInTheStoredResult()
    {
        // Arrange: a retry-style batch whose indexes are not its positions.
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync($"body of {context.Request.Path}");
        });
        var batch = await StoredBatchAsync([server.Url("/a"), server.Url("/b")], new JobSettings { SaveBodies = true }, indexes: [4, 9]);

        // Act
        await Fetcher().FetchAsync(batch, CancellationToken.None);

        // Assert
        var results = await ReadStoredAsync();
        Assert.Equal(["job-1/bodies/000000004", "job-1/bodies/000000009"], results.Select(r => r.BodyBlob));
        foreach (var (result, path) in results.Zip(["/a", "/b"]))
        {
            var stored = await _store.OpenBodyAsync(result.BodyBlob!, CancellationToken.None);
            using var copy = new MemoryStream();
            await using (stored!.Content)
            {
                await stored.Content.CopyToAsync(copy);
            }

            Assert.Equal($"body of {path}", Encoding.UTF8.GetString(copy.ToArray()));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(copy.ToArray())), result.Sha256);
            Assert.Equal("text/plain; charset=utf-8", stored.ContentType);
        }
    }

    [Fact]
    public async Task FetchAsync_SaveBodiesOff_StoresResultsWithoutBodies()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync(async context => await context.Response.WriteAsync("x"));
        var batch = await StoredBatchAsync([server.Url("/a")], new JobSettings());

        // Act
        await Fetcher().FetchAsync(batch, CancellationToken.None);

        // Assert
        var result = Assert.Single(await ReadStoredAsync());
        Assert.Null(result.BodyBlob);
        Assert.Null(await _store.OpenBodyAsync("job-1/bodies/000000000", CancellationToken.None));
    }

    [Fact]
    public async Task FetchAsync_StoredBatch_CountsEachResultOnceAndTheBatchAsStored()
    {
        // Arrange: one URL answers 200, one 404, one an address no one listens on.
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = context.Request.Path == "/missing" ? StatusCodes.Status404NotFound : StatusCodes.Status200OK;
            return Task.CompletedTask;
        });
        var factory = _services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var fetches = new MetricCollector<long>(factory, FetchMetrics.MeterName, "functionsfetch.fetches");
        using var batches = new MetricCollector<long>(factory, FetchMetrics.MeterName, "functionsfetch.batches");
        using var inFlight = new MetricCollector<long>(factory, FetchMetrics.MeterName, "functionsfetch.fetches.in_flight");
        var batch = await StoredBatchAsync([server.Url("/ok"), server.Url("/missing"), $"http://127.0.0.1:{FunctionsFetch.Local.FreePorts.Next()}/"], new JobSettings { MaxAttempts = 1 });

        // Act
        await Fetcher().FetchAsync(batch, CancellationToken.None);

        // Assert
        var counted = fetches.GetMeasurementSnapshot().Select(m => $"{m.Tags["outcome"]}/{m.Tags["error_kind"]}/{m.Tags["status_class"]}").Order(StringComparer.Ordinal);
        Assert.Equal(["failed/connect/none", "failed/none/4xx", "succeeded/none/2xx"], counted);
        Assert.Equal("stored", Assert.Single(batches.GetMeasurementSnapshot()).Tags["outcome"]);
        Assert.Equal(0, inFlight.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    [Fact]
    public async Task DeleteJobAsync_WithSavedBodies_RemovesThemToo()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync(async context => await context.Response.WriteAsync("x"));
        await Fetcher().FetchAsync(await StoredBatchAsync([server.Url("/a")], new JobSettings { SaveBodies = true }), CancellationToken.None);

        // Act
        var deleted = await _store.DeleteJobAsync("job-1", CancellationToken.None);

        // Assert: the result batch, its line in the finish log, the body and the job's input.
        Assert.Equal(4, deleted);
        Assert.Null(await _store.OpenBodyAsync("job-1/bodies/000000000", CancellationToken.None));
    }

    [Fact]
    public async Task FetchAsync_FailedUrlWithQuery_LogsItRedactedInTheJobScope()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        var logger = new RecordingLogger<BatchFetcher>();
        var batch = await StoredBatchAsync([server.Url("/missing?token=secret")], new JobSettings());

        // Act
        await Fetcher(logger).FetchAsync(batch, CancellationToken.None);

        // Assert
        var failure = Assert.Single(logger.Entries, e => e.Level == LogLevel.Debug);
        Assert.Contains("/missing?*", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", failure.Message, StringComparison.Ordinal);
        Assert.All(logger.Entries, e => Assert.Equal("job-1", e.Scope[JobLogScope.PropertyName]));
    }

    [Fact]
    public async Task FetchAsync_DeliveredAgainAfterCheckpoints_FetchesOnlyTheRestAndStoresOneResultPerIndex()
    {
        // Arrange: an earlier delivery of the batch saved the results of /a and /c, then its host died.
        var hits = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            hits.AddOrUpdate(context.Request.Path.Value!, 1, (_, n) => n + 1);
            await context.Response.WriteAsync("x");
        });
        var urls = new[] { server.Url("/a"), server.Url("/b"), server.Url("/c"), server.Url("/d") };
        var batch = await StoredBatchAsync(urls, new JobSettings());
        UrlResult Saved(int index) => new(index, urls[index], urls[index], 200, 5, 1, "saved", "text/plain", 1, null);
        await _store.WriteCheckpointAsync("job-1", 0, 0, "earlier", 0, [Saved(2)], CancellationToken.None);
        await _store.WriteCheckpointAsync("job-1", 0, 0, "earlier", 1, [Saved(0)], CancellationToken.None);

        // Act
        var outcome = await Fetcher().FetchAsync(batch, CancellationToken.None);

        // Assert: the saved results are kept as they were, the others fetched once each.
        var results = await ReadStoredAsync();
        Assert.Equal([0, 1, 2, 3], results.Select(r => r.Index));
        Assert.Equal(["saved", null, "saved", null], results.Select(r => r.Sha256 == "saved" ? "saved" : null));
        Assert.Equal(new Dictionary<string, int> { ["/b"] = 1, ["/d"] = 1 }, hits.OrderBy(h => h.Key, StringComparer.Ordinal).ToDictionary());
        Assert.Equal(4, outcome.Stored.Total);
    }

    [Fact]
    public async Task FetchAsync_ManyResults_SavesCheckpointsThatHoldEachFinishedResultOnce()
    {
        // Arrange: a checkpoint every 3 results, none by time; 50 ms a URL, one at a time, so checkpoints come between fetches.
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            await Task.Delay(50);
            await context.Response.WriteAsync("x");
        });
        var urls = Enumerable.Range(0, 10).Select(i => server.Url($"/{i}")).ToArray();
        var batch = await StoredBatchAsync(urls, new JobSettings { BatchParallelism = 1 });
        var options = new FetchOptions { CheckpointResults = 3, CheckpointMilliseconds = 0 };

        // Act
        await Fetcher(options: options).FetchAsync(batch, CancellationToken.None);

        // Assert: the checkpoints hold finished results as stored, no index twice.
        var saved = await _store.ReadCheckpointsAsync("job-1", 0, 0, CancellationToken.None);
        var stored = await ReadStoredAsync();
        Assert.NotEmpty(saved);
        Assert.Equal(saved.Count, saved.Select(r => r.Index).Distinct().Count());
        Assert.All(saved, result => Assert.Equal(stored[result.Index], result));
        Assert.Equal(Enumerable.Range(0, 10), stored.Select(r => r.Index));
    }

    [Fact]
    public async Task FetchAsync_BatchWithHeaders_SendsThoseStoredUnderItsInputJob()
    {
        // Arrange: a restarted job's batch reads URLs and headers of the job it restarts.
        var seen = new List<string>();
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            lock (seen)
            {
                seen.Add($"{context.Request.Method} {context.Request.Headers.Authorization}");
            }

            return Task.CompletedTask;
        });
        var settings = new JobSettings { Method = FetchMethods.Head };
        await _store.WriteInputAsync("original", new JobRequest([server.Url("/a")], settings).ToJobUrls(), CancellationToken.None);
        await _store.WriteHeadersAsync("original", new RequestHeaders([new("Authorization", "Bearer t0ken")]), CancellationToken.None);
        var batch = new FetchBatch("job-1", 0, 0, 1, JobPlanner.Plan(settings, 1, ActivitySlots.Default), InputJobId: "original", HasHeaders: true);

        // Act
        await Fetcher().FetchAsync(batch, CancellationToken.None);

        // Assert
        Assert.Equal(["HEAD Bearer t0ken"], seen);
        var result = Assert.Single(await ReadStoredAsync());
        Assert.Equal(200, result.StatusCode);
        Assert.Equal(0, result.Bytes);
    }

    private BatchFetcher Fetcher(ILogger<BatchFetcher>? logger = null, FetchOptions? options = null) =>
        new(
            _services.GetRequiredService<UrlFetcher>(),
            _store,
            new JobCancellationWatcher(_store, NullLogger<JobCancellationWatcher>.Instance),
            new StorageOutageRetry(NullLogger<StorageOutageRetry>.Instance),
            _services.GetRequiredService<HostBackoff>(),
            _services.GetRequiredService<FetchMetrics>(),
            Options.Create(options ?? new FetchOptions()),
            logger ?? NullLogger<BatchFetcher>.Instance);

    /// <summary>The job's stored results, read as the API reads them (no LINQ: two async LINQ libraries are in scope here).</summary>
    private async Task<List<UrlResult>> ReadStoredAsync()
    {
        var results = new List<UrlResult>();
        await foreach (var result in _store.ReadAsync("job-1", CancellationToken.None))
        {
            results.Add(result);
        }

        return results;
    }

    /// <summary>Stores the URLs as the starter does and returns the one batch that covers them.</summary>
    private async Task<FetchBatch> StoredBatchAsync(string[] urls, JobSettings settings, int[]? indexes = null)
    {
        await _store.WriteInputAsync("job-1", new JobRequest(urls, settings, indexes).ToJobUrls(), CancellationToken.None);
        return new FetchBatch("job-1", 0, 0, urls.Length, JobPlanner.Plan(settings, urls.Length, ActivitySlots.Default));
    }
}
