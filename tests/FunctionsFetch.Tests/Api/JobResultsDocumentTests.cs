using System.Text.Json;
using FunctionsFetch.Api;
using FunctionsFetch.Jobs;
using FunctionsFetch.Fetching;

namespace FunctionsFetch.Tests.Api;

public sealed class JobResultsDocumentTests
{
    [Fact]
    public async Task WriteAsync_ManyResultsToAServerStream_UsesOnlyAsyncWritesAndKeepsOrder()
    {
        // Arrange: a response stream that refuses synchronous writes, as Kestrel's does.
        using var destination = new AsyncOnlyStream();
        var counts = new JobCounts(5000, 5000, 0);

        // Act
        await JobResultsDocument.WriteAsync(destination, "job-1", "Completed", counts, reason: null, callback: null, Results(5000), CancellationToken.None);

        // Assert
        using var json = JsonDocument.Parse(destination.ToArray());
        Assert.Equal(5000, json.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(Enumerable.Range(0, 5000), json.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("index").GetInt32()));
        Assert.False(json.RootElement.TryGetProperty("reason", out _));
        Assert.True(destination.AsyncWrites > 1, "expected the body to be streamed in several writes");
    }

    [Fact]
    public async Task WriteAsync_WithReason_WritesItAfterTheResults()
    {
        // Arrange
        using var destination = new AsyncOnlyStream();

        // Act
        await JobResultsDocument.WriteAsync(destination, "j", "Terminated", new JobCounts(3, 1, 0), "Canceled by request.", callback: null, Results(1), CancellationToken.None);

        // Assert
        using var json = JsonDocument.Parse(destination.ToArray());
        Assert.Equal(["id", "runtimeStatus", "total", "succeeded", "failed", "results", "reason"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Canceled by request.", json.RootElement.GetProperty("reason").GetString());
    }

    private static async IAsyncEnumerable<UrlResult> Results(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return new UrlResult(i, $"https://example.test/{i}", $"https://example.test/{i}", 200, 10, 100, new string('a', 64), "text/html", 1, null);
        }
    }

    /// <summary>A write-only stream that throws on synchronous writes and records what it was given.</summary>
    private sealed class AsyncOnlyStream : Stream
    {
        private readonly MemoryStream _written = new();

        public int AsyncWrites { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _written.Length;

        public override long Position { get => _written.Position; set => throw new NotSupportedException(); }

        public byte[] ToArray() => _written.ToArray();

        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous writes are not allowed.");

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            AsyncWrites++;
            _written.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _written.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
