using Azure.Storage.Blobs;
using FunctionsFetch.Fetching;
using FunctionsFetch.IntegrationTests.Infrastructure;
using FunctionsFetch.Storage;

namespace FunctionsFetch.IntegrationTests.Storage;

/// <summary>The job store on Azurite and in memory: bodies committed whole or not at all, input slices across chunks, listed apart from batches, deleted with the job.</summary>
[Collection(AzuriteTests.Name)]
public sealed class JobStoreTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData(Azure)]
    [InlineData(Memory)]
    public async Task WriteBodyAsync_SourceFailsPartWay_CommitsNothingAndKeepsTheEarlierBody(string blobs)
    {
        // Arrange: a first attempt stored a body; the rerun's body breaks after several upload blocks.
        var store = Store(blobs);
        var jobId = NewJobId();
        await store.WriteBodyAsync(jobId, 0, new MemoryStream("first attempt"u8.ToArray()), "text/plain", CancellationToken.None);

        // Act
        await Assert.ThrowsAsync<IOException>(() => store.WriteBodyAsync(jobId, 0, new FailingStream(3 * 1024 * 1024), "text/plain", CancellationToken.None));
        await Assert.ThrowsAsync<IOException>(() => store.WriteBodyAsync(jobId, 1, new FailingStream(3 * 1024 * 1024), "text/plain", CancellationToken.None));

        // Assert
        var kept = await store.OpenBodyAsync(JobStoreLayout.Body(jobId, 0), CancellationToken.None);
        using var copy = new MemoryStream();
        await using (kept!.Content)
        {
            await kept.Content.CopyToAsync(copy);
        }

        Assert.Equal("first attempt"u8.ToArray(), copy.ToArray());
        Assert.Null(await store.OpenBodyAsync(JobStoreLayout.Body(jobId, 1), CancellationToken.None));
    }

    [Theory]
    [InlineData(Azure, 0, 10)]
    [InlineData(Memory, 0, 10)]
    [InlineData(Azure, 990, 30)]
    [InlineData(Memory, 990, 30)]
    [InlineData(Azure, 1000, 1000)]
    [InlineData(Memory, 1000, 1000)]
    [InlineData(Azure, 2400, 100)]
    [InlineData(Memory, 2400, 100)]
    public async Task ReadInputAsync_SliceOfAStoredInput_ReturnsThoseUrlsWithTheirIndexesAcrossChunks(string blobs, int offset, int count)
    {
        // Arrange: 2,500 URLs (three chunks) of a retry-style job whose indexes are not positions.
        var store = Store(blobs);
        var jobId = NewJobId();
        var urls = Enumerable.Range(0, 2500).Select(i => $"https://example.test/{i}?q=\"{i}\"").ToArray();
        await store.WriteInputAsync(jobId, new FunctionsFetch.Jobs.JobRequest(urls, new FunctionsFetch.Configuration.JobSettings(), Enumerable.Range(0, 2500).Select(i => i * 2).ToArray()).ToJobUrls(), CancellationToken.None);

        // Act
        var slice = await store.ReadInputAsync(jobId, offset, count, CancellationToken.None);

        // Assert
        Assert.Equal(urls.Skip(offset).Take(count), slice.Select(u => u.Url));
        Assert.Equal(Enumerable.Range(offset, count).Select(i => i * 2), slice.Select(u => u.Index));
    }

    [Theory]
    [InlineData(Azure)]
    [InlineData(Memory)]
    public async Task WriteInputAsync_StoredInput_IsNeverReadAsResultsAndGoesWithTheJob(string blobs)
    {
        // Arrange
        var store = Store(blobs);
        var jobId = NewJobId();
        await store.WriteInputAsync(jobId, new FunctionsFetch.Jobs.JobRequest(["https://example.test/a"], new FunctionsFetch.Configuration.JobSettings()).ToJobUrls(), CancellationToken.None);

        // Act
        var listed = new List<UrlResult>();
        await foreach (var result in store.ReadAsync(jobId, CancellationToken.None))
        {
            listed.Add(result);
        }

        var deleted = await store.DeleteJobAsync(jobId, CancellationToken.None);

        // Assert
        Assert.Empty(listed);
        Assert.Equal(1, deleted);
    }

    [Theory]
    [InlineData(Azure)]
    [InlineData(Memory)]
    public async Task DeleteJobAsync_WithBodies_RemovesThemWithTheResultsWhichNeverListThem(string blobs)
    {
        // Arrange
        var store = Store(blobs);
        var jobId = NewJobId();
        await store.WriteBatchAsync(jobId, 0, 0, [new UrlResult(0, "https://e.test/", "https://e.test/", 200, 1, 1, "h", "text/plain", 1, null, JobStoreLayout.Body(jobId, 0))], CancellationToken.None);
        await store.WriteBodyAsync(jobId, 0, new MemoryStream("x"u8.ToArray()), "text/plain", CancellationToken.None);
        var listed = new List<UrlResult>();
        await foreach (var result in store.ReadAsync(jobId, CancellationToken.None))
        {
            listed.Add(result);
        }

        // Act
        var deleted = await store.DeleteJobAsync(jobId, CancellationToken.None);

        // Assert
        Assert.Single(listed);
        Assert.Equal(3, deleted); // the batch's results, the finish log naming them, the body
        Assert.Null(await store.OpenBodyAsync(JobStoreLayout.Body(jobId, 0), CancellationToken.None));
    }

    [Theory]
    [InlineData(Azure)]
    [InlineData(Memory)]
    public async Task ReadAsync_BatchWithRoundsOfHandedBackUrls_ReadsEveryResultOnceInIndexOrder(string blobs)
    {
        // Arrange: batch 0 stored 0, 2 and 4; its round 1 stored 3, round 2 stored 1; batch 1 stored 5.
        var store = Store(blobs);
        var jobId = NewJobId();
        await store.WriteBatchAsync(jobId, 1, 0, [Result(5)], CancellationToken.None);
        await store.WriteBatchAsync(jobId, 0, 2, [Result(1)], CancellationToken.None);
        await store.WriteBatchAsync(jobId, 0, 0, [Result(0), Result(2), Result(4)], CancellationToken.None);
        await store.WriteBatchAsync(jobId, 0, 1, [Result(3)], CancellationToken.None);

        // Act
        var indexes = new List<int>();
        await foreach (var result in store.ReadAsync(jobId, CancellationToken.None))
        {
            indexes.Add(result.Index);
        }

        // Assert
        Assert.Equal([0, 1, 2, 3, 4, 5], indexes);
    }

    [Theory]
    [InlineData(Azure)]
    [InlineData(Memory)]
    public async Task CancelMarkAndDependents_WrittenThenDeletedWithTheJob_AreGone(string blobs)
    {
        // Arrange
        var store = Store(blobs);
        var jobId = NewJobId();
        await store.WriteCancelMarkAsync(jobId, CancellationToken.None);
        await store.AddDependentAsync(jobId, "retry-1", CancellationToken.None);
        await store.AddDependentAsync(jobId, "retry-2", CancellationToken.None);
        await store.RemoveDependentAsync(jobId, "retry-1", CancellationToken.None);
        var marked = await store.IsCancelMarkedAsync(jobId, CancellationToken.None);
        var dependents = await store.ListDependentsAsync(jobId, CancellationToken.None);

        // Act
        var deleted = await store.DeleteJobAsync(jobId, CancellationToken.None);

        // Assert
        Assert.True(marked);
        Assert.Equal(["retry-2"], dependents);
        Assert.Equal(2, deleted);
        Assert.False(await store.IsCancelMarkedAsync(jobId, CancellationToken.None));
        Assert.Empty(await store.ListDependentsAsync(jobId, CancellationToken.None));
    }

    private static UrlResult Result(int index) => new(index, $"https://e.test/{index}", null, 200, 1, 0, null, null, 1, null);

    private const string Azure = "azure";
    private const string Memory = "memory";

    /// <summary>The one store over Azurite's blobs, or over memory: the same layout and formats either way.</summary>
    private JobStore Store(string blobs) => new(blobs == Azure
        ? new AzureBlobContainer(new BlobServiceClient(azurite.ConnectionString), JobStoreLayout.ContainerName)
        : new InMemoryBlobContainer());

    private static string NewJobId() => Guid.NewGuid().ToString("N");

    /// <summary>A body that yields <paramref name="length"/> bytes, then fails like a reset connection.</summary>
    private sealed class FailingStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= length)
            {
                throw new IOException("The connection was reset.");
            }

            var read = (int)Math.Min(count, length - _position);
            Array.Fill(buffer, (byte)'x', offset, read);
            _position += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
