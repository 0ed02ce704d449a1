using Azure;
using FunctionsFetch.Configuration;
using FunctionsFetch.Fetching;
using FunctionsFetch.Jobs;
using FunctionsFetch.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace FunctionsFetch.Tests.Jobs;

public sealed class BatchCheckpointTests
{
    private static readonly FetchBatch Batch = new("job-1", 3, 0, 10, new JobSettings());
    private static readonly StorageOutageRetry Storage = new(NullLogger<StorageOutageRetry>.Instance);

    [Fact]
    public async Task OpenAsync_TwoEarlierDeliveriesSavedOneIndex_KeepsOneResultPerIndex()
    {
        // Arrange: two deliveries that ran at once both saved index 4.
        var store = new JobStore(new InMemoryBlobContainer());
        await store.WriteCheckpointAsync("job-1", 3, 0, "one", 0, [Result(4), Result(5)], CancellationToken.None);
        await store.WriteCheckpointAsync("job-1", 3, 0, "two", 0, [Result(4)], CancellationToken.None);
        await store.WriteCheckpointAsync("job-1", 3, 1, "one", 0, [Result(6)], CancellationToken.None);

        // Act
        await using var checkpoint = await BatchCheckpoint.OpenAsync(store, Batch, new CheckpointPolicy(10, TimeSpan.Zero), Storage, NullLogger.Instance, CancellationToken.None);

        // Assert: another round's checkpoint is not this run's.
        Assert.Equal([4, 5], checkpoint.Saved.Keys.Order());
    }

    [Fact]
    public async Task Add_CountReached_WritesACheckpointOfTheNewResults()
    {
        // Arrange
        var store = new JobStore(new InMemoryBlobContainer());
        await using var checkpoint = await BatchCheckpoint.OpenAsync(store, Batch, new CheckpointPolicy(2, TimeSpan.Zero), Storage, NullLogger.Instance, CancellationToken.None);

        // Act
        checkpoint.Add(Result(0));
        checkpoint.Add(Result(1));
        await WaitUntilAsync(() => checkpoint.Written == 1);

        // Assert
        var saved = await store.ReadCheckpointsAsync("job-1", 3, 0, CancellationToken.None);
        Assert.Equal([Result(0), Result(1)], saved);
    }

    [Fact]
    public async Task Add_CountNotReached_WritesACheckpointOnceTheIntervalPasses()
    {
        // Arrange
        var store = new JobStore(new InMemoryBlobContainer());
        await using var checkpoint = await BatchCheckpoint.OpenAsync(store, Batch, new CheckpointPolicy(100, TimeSpan.FromMilliseconds(50)), Storage, NullLogger.Instance, CancellationToken.None);

        // Act
        checkpoint.Add(Result(7));
        await WaitUntilAsync(() => checkpoint.Written == 1);

        // Assert
        Assert.Equal([Result(7)], await store.ReadCheckpointsAsync("job-1", 3, 0, CancellationToken.None));
    }

    [Fact]
    public async Task Add_CountDueAgainWithinTheSpacing_WritesNothingUntilItPasses()
    {
        // Arrange: every result is a count, and checkpoints are at least 30 s apart.
        var store = new JobStore(new InMemoryBlobContainer());
        await using var checkpoint = await BatchCheckpoint.OpenAsync(
            store, Batch, new CheckpointPolicy(1, TimeSpan.Zero, TimeSpan.FromSeconds(30)), Storage, NullLogger.Instance, CancellationToken.None);
        checkpoint.Add(Result(0));
        await WaitUntilAsync(() => checkpoint.Written == 1);

        // Act
        checkpoint.Add(Result(1));
        checkpoint.Add(Result(2));
        await Task.Delay(TimeSpan.FromMilliseconds(200));

        // Assert: the two wait for the spacing (or the batch's result file).
        Assert.Equal(1, checkpoint.Written);
        Assert.Equal([Result(0)], await store.ReadCheckpointsAsync("job-1", 3, 0, CancellationToken.None));
    }

    [Fact]
    public async Task Add_CountDueAgainWithinTheSpacing_WritesThemTogetherOnceItPasses()
    {
        // Arrange
        var store = new JobStore(new InMemoryBlobContainer());
        await using var checkpoint = await BatchCheckpoint.OpenAsync(
            store, Batch, new CheckpointPolicy(1, TimeSpan.Zero, TimeSpan.FromMilliseconds(100)), Storage, NullLogger.Instance, CancellationToken.None);
        checkpoint.Add(Result(0));
        await WaitUntilAsync(() => checkpoint.Written == 1);

        // Act
        checkpoint.Add(Result(1));
        checkpoint.Add(Result(2));
        await WaitUntilAsync(() => checkpoint.Written == 2);

        // Assert
        Assert.Equal([0, 1, 2], (await store.ReadCheckpointsAsync("job-1", 3, 0, CancellationToken.None)).Select(r => r.Index).Order());
    }

    [Fact]
    public async Task Add_CheckpointWriteFails_TheNextCheckpointHoldsThoseResultsToo()
    {
        // Arrange: the first upload finds storage away.
        var memory = new InMemoryBlobContainer();
        var blobs = new Mock<IBlobContainer>();
        blobs.Setup(b => b.ListAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .Returns((string prefix, bool recursive, CancellationToken ct) => memory.ListAsync(prefix, recursive, ct));
        var uploads = 0;
        blobs.Setup(b => b.UploadAsync(It.IsAny<string>(), It.IsAny<BinaryData>(), It.IsAny<CancellationToken>()))
            .Returns((string name, BinaryData content, CancellationToken ct) =>
                Interlocked.Increment(ref uploads) == 1 ? Task.FromException(new RequestFailedException(0, "Connection refused")) : memory.UploadAsync(name, content, ct));
        blobs.Setup(b => b.DownloadAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns((string name, CancellationToken ct) => memory.DownloadAsync(name, ct));
        var store = new JobStore(blobs.Object);
        await using var checkpoint = await BatchCheckpoint.OpenAsync(store, Batch, new CheckpointPolicy(1, TimeSpan.FromMilliseconds(50)), Storage, NullLogger.Instance, CancellationToken.None);

        // Act
        checkpoint.Add(Result(0));
        await WaitUntilAsync(() => Volatile.Read(ref uploads) == 1);
        checkpoint.Add(Result(1));
        await WaitUntilAsync(() => checkpoint.Written == 1);

        // Assert
        Assert.Equal([0, 1], (await store.ReadCheckpointsAsync("job-1", 3, 0, CancellationToken.None)).Select(r => r.Index).Order());
    }

    [Fact]
    public void For_NoCheckpointResultsConfigured_SavesAsManyAsTheBatchFetchesAtOnce()
    {
        // Act
        var policy = CheckpointPolicy.For(new FetchOptions { CheckpointMilliseconds = 250 }, new JobSettings { BatchParallelism = 12 });

        // Assert: and never sooner than the default spacing after the last one.
        Assert.Equal(new CheckpointPolicy(12, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250)), policy);
    }

    private static UrlResult Result(int index) => new(index, $"http://example.test/{index}", null, 200, 1, 1, "aa", null, 1, null);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
