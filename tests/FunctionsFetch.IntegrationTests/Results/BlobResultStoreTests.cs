using Azure.Storage.Blobs;
using FunctionsFetch.Fetching;
using FunctionsFetch.IntegrationTests.Infrastructure;
using FunctionsFetch.Results;

namespace FunctionsFetch.IntegrationTests.Results;

/// <summary>Saved bodies in real blob storage: committed whole or not at all, listed apart from batches, deleted with the job.</summary>
[Collection(AzuriteTests.Name)]
public sealed class BlobResultStoreTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task WriteBodyAsync_SourceFailsPartWay_CommitsNothingAndKeepsTheEarlierBody()
    {
        // Arrange: a first attempt stored a body; the rerun's body breaks after several upload blocks.
        var store = Store();
        var jobId = NewJobId();
        await store.WriteBodyAsync(jobId, 0, new MemoryStream("first attempt"u8.ToArray()), "text/plain", CancellationToken.None);

        // Act
        await Assert.ThrowsAsync<IOException>(() => store.WriteBodyAsync(jobId, 0, new FailingStream(3 * 1024 * 1024), "text/plain", CancellationToken.None));
        await Assert.ThrowsAsync<IOException>(() => store.WriteBodyAsync(jobId, 1, new FailingStream(3 * 1024 * 1024), "text/plain", CancellationToken.None));

        // Assert
        var kept = await store.OpenBodyAsync(BodyBlobNames.For(jobId, 0), CancellationToken.None);
        using var copy = new MemoryStream();
        await using (kept!.Content)
        {
            await kept.Content.CopyToAsync(copy);
        }

        Assert.Equal("first attempt"u8.ToArray(), copy.ToArray());
        Assert.Null(await store.OpenBodyAsync(BodyBlobNames.For(jobId, 1), CancellationToken.None));
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(990, 30)]
    [InlineData(1000, 1000)]
    [InlineData(2400, 100)]
    public async Task ReadInputAsync_SliceOfAStoredInput_ReturnsThoseUrlsWithTheirIndexesAcrossChunks(int offset, int count)
    {
        // Arrange: 2,500 URLs (three chunks) of a retry-style job whose indexes are not positions.
        var store = Store();
        var jobId = NewJobId();
        var urls = Enumerable.Range(0, 2500).Select(i => $"https://example.test/{i}?q=\"{i}\"").ToArray();
        await store.WriteInputAsync(jobId, new FunctionsFetch.Jobs.JobRequest(urls, new FunctionsFetch.Configuration.JobSettings(), Enumerable.Range(0, 2500).Select(i => i * 2).ToArray()), CancellationToken.None);

        // Act
        var slice = await store.ReadInputAsync(jobId, offset, count, CancellationToken.None);

        // Assert
        Assert.Equal(urls.Skip(offset).Take(count), slice.Select(u => u.Url));
        Assert.Equal(Enumerable.Range(offset, count).Select(i => i * 2), slice.Select(u => u.Index));
    }

    [Fact]
    public async Task WriteInputAsync_StoredInput_IsNeverReadAsResultsAndGoesWithTheJob()
    {
        // Arrange
        var store = Store();
        var jobId = NewJobId();
        await store.WriteInputAsync(jobId, new FunctionsFetch.Jobs.JobRequest(["https://example.test/a"], new FunctionsFetch.Configuration.JobSettings()), CancellationToken.None);

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

    [Fact]
    public async Task DeleteJobAsync_WithBodies_RemovesThemWithTheResultsWhichNeverListThem()
    {
        // Arrange
        var store = Store();
        var jobId = NewJobId();
        await store.WriteBatchAsync(jobId, 0, 0, [new UrlResult(0, "https://e.test/", "https://e.test/", 200, 1, 1, "h", "text/plain", 1, null, BodyBlobNames.For(jobId, 0))], CancellationToken.None);
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
        Assert.Equal(2, deleted);
        Assert.Null(await store.OpenBodyAsync(BodyBlobNames.For(jobId, 0), CancellationToken.None));
    }

    private BlobResultStore Store() => new(new BlobServiceClient(azurite.ConnectionString));

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
