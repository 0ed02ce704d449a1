using FunctionsFetch.Fetching;
using FunctionsFetch.Storage;
using FunctionsFetch.Tests.TestSupport;

namespace FunctionsFetch.Tests.Storage;

public sealed class JobStoreFinishLogTests
{
    [Fact]
    public async Task WriteBatchAsync_BatchesInAnyOrder_LogsTheirFilesInTheOrderWritten()
    {
        // Arrange
        var store = new JobStore(new InMemoryBlobContainer());

        // Act
        await store.WriteBatchAsync("job-1", 2, 0, [StoredRows.Ok(20)], CancellationToken.None);
        await store.WriteBatchAsync("job-1", 0, 0, [StoredRows.Ok(0)], CancellationToken.None);
        await store.WriteBatchAsync("job-1", 2, 1, [StoredRows.Ok(21)], CancellationToken.None);

        // Assert
        var log = await store.ReadFinishLogAsync("job-1", CancellationToken.None);
        Assert.Equal(["job-1/000002.ndjson", "job-1/000000.ndjson", "job-1/000002.r01.ndjson"], log);
    }

    [Fact]
    public async Task WriteBatchAsync_SegmentFull_BeginsTheNextAndTheLogReadsOnInOrder()
    {
        // Arrange: two lines a segment.
        var blobs = new InMemoryBlobContainer(maxAppendBlocks: 2);
        var store = new JobStore(blobs);

        // Act
        for (var batch = 0; batch < 5; batch++)
        {
            await store.WriteBatchAsync("job-1", 4 - batch, 0, [StoredRows.Ok(4 - batch)], CancellationToken.None);
        }

        // Assert
        var log = await store.ReadFinishLogAsync("job-1", CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 5).Select(b => $"job-1/{4 - b:D6}.ndjson"), log);
        Assert.True(await blobs.ExistsAsync(JobStoreLayout.FinishLog("job-1", 2), CancellationToken.None));
        Assert.False(await blobs.ExistsAsync(JobStoreLayout.FinishLog("job-1", 3), CancellationToken.None));
    }

    [Fact]
    public async Task WriteBatchAsync_SegmentFullForAnotherStore_FindsTheNextSegment()
    {
        // Arrange: a second process whose store has not seen the first segment fill up.
        var blobs = new InMemoryBlobContainer(maxAppendBlocks: 1);
        await new JobStore(blobs).WriteBatchAsync("job-1", 0, 0, [StoredRows.Ok(0)], CancellationToken.None);
        var other = new JobStore(blobs);

        // Act
        await other.WriteBatchAsync("job-1", 1, 0, [StoredRows.Ok(1)], CancellationToken.None);

        // Assert
        Assert.Equal(["job-1/000000.ndjson", "job-1/000001.ndjson"], await other.ReadFinishLogAsync("job-1", CancellationToken.None));
    }

    [Fact]
    public async Task ReadFinishLogAsync_NoBatchWritten_IsNull()
    {
        // Arrange
        var store = new JobStore(new InMemoryBlobContainer());
        await store.WriteCheckpointAsync("job-1", 0, 0, "d1", 0, [StoredRows.Ok(0)], CancellationToken.None);

        // Act
        var log = await store.ReadFinishLogAsync("job-1", CancellationToken.None);

        // Assert: checkpoints are not results and are never logged.
        Assert.Null(log);
    }

    [Fact]
    public async Task DeleteResultsAsync_JobWithLog_DeletesItsSegments()
    {
        // Arrange
        var blobs = new InMemoryBlobContainer(maxAppendBlocks: 1);
        var store = new JobStore(blobs);
        await store.WriteBatchAsync("job-1", 0, 0, [StoredRows.Ok(0)], CancellationToken.None);
        await store.WriteBatchAsync("job-1", 1, 0, [StoredRows.Ok(1)], CancellationToken.None);

        // Act
        await store.DeleteResultsAsync("job-1", CancellationToken.None);

        // Assert
        Assert.Null(await store.ReadFinishLogAsync("job-1", CancellationToken.None));
        await store.WriteBatchAsync("job-1", 1, 0, [StoredRows.Ok(1)], CancellationToken.None);
        Assert.Equal(["job-1/000001.ndjson"], await store.ReadFinishLogAsync("job-1", CancellationToken.None));
    }
}
