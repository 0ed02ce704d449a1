using System.Security.Cryptography;

namespace FunctionsFetch.Fetching;

/// <summary>
/// A read-only, forward-only view of a body that hashes and counts every byte as the reader pulls it, so one
/// pass can both feed a blob upload and produce the SHA-256. Past the cap it throws
/// <see cref="BodyTooLargeException"/>; any failure reading the source is kept in <see cref="Failure"/>,
/// so a caller can tell a bad body from a failing reader (the upload).
/// </summary>
internal sealed class DigestingStream(Stream source, long maxBytes) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>Bytes read so far; past the cap, the count that passed it.</summary>
    public long BytesRead { get; private set; }

    /// <summary>What went wrong reading the source (or the cap), if anything.</summary>
    public Exception? Failure { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    /// <summary>The SHA-256 (lowercase hex) of everything read; call once the source is at its end.</summary>
    public string Sha256() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        try
        {
            read = await source.ReadAsync(buffer, cancellationToken);
        }
        catch (Exception exception)
        {
            Failure ??= exception;
            throw;
        }

        return Account(buffer.Span[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        int read;
        try
        {
            read = source.Read(buffer, offset, count);
        }
        catch (Exception exception)
        {
            Failure ??= exception;
            throw;
        }

        return Account(buffer.AsSpan(offset, read));
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Counts and hashes a chunk just read, or fails the read once the body passes the cap.</summary>
    private int Account(ReadOnlySpan<byte> chunk)
    {
        BytesRead += chunk.Length;
        if (BytesRead > maxBytes)
        {
            var tooLarge = new BodyTooLargeException(maxBytes);
            Failure ??= tooLarge;
            throw tooLarge;
        }

        _hash.AppendData(chunk);
        return chunk.Length;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
