using FunctionsFetch.Configuration;
using FunctionsFetch.Fetching;
using FunctionsFetch.Storage;
using FunctionsFetch.Tests.TestSupport;

namespace FunctionsFetch.Tests.Storage;

public sealed class LiveResultsReaderTests
{
    private readonly JobStore _store;
    private readonly LiveResultsReader _reader;

    public LiveResultsReaderTests()
    {
        _store = new JobStore(new InMemoryBlobContainer());
        _reader = new LiveResultsReader(_store, new JobResultsReader(_store));
    }

    [Fact]
    public async Task ReadPageAsync_BatchesFinishedOutOfOrder_ReturnsThemInFinishOrderAndByIndexWithin()
    {
        // Arrange
        await _store.WriteBatchAsync("job-1", 1, 0, StoredRows.OkAll(3, 4, 5), CancellationToken.None);
        await _store.WriteBatchAsync("job-1", 0, 0, StoredRows.OkAll(0, 2), CancellationToken.None);
        await _store.WriteBatchAsync("job-1", 0, 1, StoredRows.OkAll(1), CancellationToken.None);

        // Act
        var page = await ReadAsync(ResultsCursor.Start, 100);

        // Assert
        Assert.Equal([3, 4, 5, 0, 2, 1], page.Results.Select(r => r.Index));
        Assert.True(page.Exhausted);
    }

    [Fact]
    public async Task ReadPageAsync_LimitSmallerThanABatch_PagesJoinedGiveEveryRowOnce()
    {
        // Arrange
        await _store.WriteBatchAsync("job-1", 1, 0, StoredRows.OkAll(3, 4, 5), CancellationToken.None);
        await _store.WriteBatchAsync("job-1", 0, 0, StoredRows.OkAll(0, 1, 2), CancellationToken.None);

        // Act
        var first = await ReadAsync(ResultsCursor.Start, 2);
        var second = await ReadAsync(first.Next, 2);
        var third = await ReadAsync(second.Next, 2);
        var fourth = await ReadAsync(third.Next, 2);

        // Assert
        Assert.Equal([3, 4], first.Results.Select(r => r.Index));
        Assert.Equal([5, 0], second.Results.Select(r => r.Index));
        Assert.Equal([1, 2], third.Results.Select(r => r.Index));
        Assert.False(first.Exhausted);
        Assert.True(third.Exhausted);
        Assert.Empty(fourth.Results);
        Assert.Equal(third.Next, fourth.Next);
    }

    [Fact]
    public async Task ReadPageAsync_ReadBeforeMoreBatchesFinish_NextPageStartsWithTheNewOnes()
    {
        // Arrange
        await _store.WriteBatchAsync("job-1", 0, 0, StoredRows.OkAll(0, 1), CancellationToken.None);
        var first = await ReadAsync(ResultsCursor.Start, 10);
        await _store.WriteBatchAsync("job-1", 2, 0, StoredRows.OkAll(4, 5), CancellationToken.None);

        // Act
        var second = await ReadAsync(first.Next, 10);

        // Assert
        Assert.True(first.Exhausted);
        Assert.Equal([4, 5], second.Results.Select(r => r.Index));
    }

    [Fact]
    public async Task ReadPageAsync_BatchesFinishingConcurrently_CursorsNeverRepeatNorSkipARow()
    {
        // Arrange: 200 batches of 5 stored from many threads while a reader follows with small pages.
        const int batches = 200;
        var writers = Task.WhenAll(Enumerable.Range(0, batches).Select(batch => Task.Run(() =>
            _store.WriteBatchAsync("job-1", batch, 0, StoredRows.OkAll(Enumerable.Range(batch * 5, 5).ToArray()), CancellationToken.None))));
        var read = new List<int>();
        var cursor = ResultsCursor.Start;

        // Act
        while (!writers.IsCompleted || read.Count < batches * 5)
        {
            var page = await ReadAsync(cursor, 7);
            read.AddRange(page.Results.Select(r => r.Index));
            cursor = page.Next;
            if (page.Results.Count == 0)
            {
                await Task.Yield();
            }

            Assert.True(read.Count <= batches * 5, "A row was read twice.");
        }

        await writers;
        var last = await ReadAsync(cursor, 7);

        // Assert
        Assert.Empty(last.Results);
        Assert.Equal(Enumerable.Range(0, batches * 5), read.Order());
    }

    [Fact]
    public async Task ReadPageAsync_BatchWrittenAgain_ReadsItsRowsOnce()
    {
        // Arrange: a batch delivered twice writes (and logs) its file twice.
        await _store.WriteBatchAsync("job-1", 0, 0, StoredRows.OkAll(0, 1), CancellationToken.None);
        await _store.WriteBatchAsync("job-1", 1, 0, StoredRows.OkAll(2), CancellationToken.None);
        await _store.WriteBatchAsync("job-1", 0, 0, StoredRows.OkAll(0, 1), CancellationToken.None);

        // Act
        var page = await ReadAsync(ResultsCursor.Start, 100);

        // Assert
        Assert.Equal([0, 1, 2], page.Results.Select(r => r.Index));
    }

    [Fact]
    public async Task ReadPageAsync_OnlyCheckpointsStored_ReturnsNoRows()
    {
        // Arrange: a batch's checkpoints are partial, not its results.
        await _store.WriteCheckpointAsync("job-1", 0, 0, "d1", 0, StoredRows.OkAll(0, 1), CancellationToken.None);

        // Act
        var page = await ReadAsync(ResultsCursor.Start, 100);

        // Assert
        Assert.Empty(page.Results);
        Assert.True(page.Exhausted);
    }

    [Fact]
    public async Task ReadPageAsync_RetryJob_ReturnsTheKeptRowsOfTheRetriedJobThenItsOwn()
    {
        // Arrange: job "first" failed index 1 and 3; "retry" fetches them again, index 3 done so far.
        await _store.WriteBatchAsync("first", 0, 0, [StoredRows.Ok(0), Failed(1), StoredRows.Ok(2), Failed(3)], CancellationToken.None);
        await _store.WriteManifestAsync("retry", new JobManifest("h", 2, new JobSettings(), RetryOf: "first", BaseTotal: 4, BaseFailed: 2), CancellationToken.None);
        await _store.WriteInputAsync("retry", [new JobUrl(1, "https://e.test/1"), new JobUrl(3, "https://e.test/3")], CancellationToken.None);
        await _store.WriteBatchAsync("retry", 1, 0, StoredRows.OkAll(3), CancellationToken.None);

        // Act
        var page = await _reader.ReadPageAsync("retry", "retry", jobEnded: false, ResultsCursor.Start, 100, CancellationToken.None);

        // Assert
        Assert.NotNull(page);
        Assert.Equal([0, 2, 3], page.Results.Select(r => r.Index));
        Assert.All(page.Results, r => Assert.Equal(200, r.StatusCode));
    }

    [Fact]
    public async Task ReadPageAsync_EndedJobStoredWithoutLog_ReadsItsFilesInNameOrder()
    {
        // Arrange: a job stored before finish logs existed.
        var blobs = new InMemoryBlobContainer();
        await blobs.UploadAsync(JobStoreLayout.Batch("old", 1, 0), BinaryData.FromBytes(ResultLines.Serialize(StoredRows.OkAll(1))), CancellationToken.None);
        await blobs.UploadAsync(JobStoreLayout.Batch("old", 0, 0), BinaryData.FromBytes(ResultLines.Serialize(StoredRows.OkAll(0))), CancellationToken.None);
        var store = new JobStore(blobs);
        var reader = new LiveResultsReader(store, new JobResultsReader(store));

        // Act
        var ended = await reader.ReadPageAsync("old", "old", jobEnded: true, ResultsCursor.Start, 100, CancellationToken.None);
        var running = await reader.ReadPageAsync("old", "old", jobEnded: false, ResultsCursor.Start, 100, CancellationToken.None);

        // Assert
        Assert.Equal([0, 1], ended!.Results.Select(r => r.Index));
        Assert.Empty(running!.Results);
    }

    [Theory]
    [InlineData(2, 0)]
    [InlineData(1, 1)]
    [InlineData(0, 3)]
    public async Task ReadPageAsync_CursorBeyondTheResults_IsNull(int entries, int rows)
    {
        // Arrange
        await _store.WriteBatchAsync("job-1", 0, 0, StoredRows.OkAll(0, 1), CancellationToken.None);

        // Act
        var page = await _reader.ReadPageAsync("job-1", "job-1", jobEnded: false, new ResultsCursor(entries, rows), 10, CancellationToken.None);

        // Assert
        Assert.Null(page);
    }

    private async Task<ResultsPage> ReadAsync(ResultsCursor after, int limit) =>
        await _reader.ReadPageAsync("job-1", "job-1", jobEnded: false, after, limit, CancellationToken.None)
        ?? throw new InvalidOperationException("The cursor was refused.");

    private static UrlResult Failed(int index) =>
        UrlResult.NotFetched(index, $"https://e.test/{index}", FetchErrorKind.Connect, "refused");
}
