namespace FunctionsFetch.Fetching;

/// <summary>What reading a body produced: its length and SHA-256, or that it passed the cap.</summary>
internal readonly record struct BodyDigestResult(long Bytes, string? Sha256, bool TooLarge);

/// <summary>Streams a body through SHA-256 in pooled chunks, never holding it whole.</summary>
internal static class BodyDigest
{
    private const int ChunkSize = 64 * 1024;

    public static async Task<BodyDigestResult> ReadAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        await using var digesting = new DigestingStream(body, maxBytes);
        try
        {
            await digesting.CopyToAsync(Stream.Null, ChunkSize, cancellationToken);
        }
        catch (BodyTooLargeException)
        {
            return new BodyDigestResult(digesting.BytesRead, Sha256: null, TooLarge: true);
        }

        return new BodyDigestResult(digesting.BytesRead, digesting.Sha256(), TooLarge: false);
    }

    /// <summary>
    /// Streams a body into <paramref name="sink"/> while hashing it. A body past the cap aborts the upload
    /// uncommitted; a failure of the body's own (reset, timeout) is rethrown as it was; any other failure
    /// is the sink's, wrapped in <see cref="BodyStorageException"/>.
    /// </summary>
    public static async Task<(BodyDigestResult Digest, string? Name)> SaveAsync(Stream body, long maxBytes, IBodySink sink, int index, string? contentType, CancellationToken cancellationToken)
    {
        await using var digesting = new DigestingStream(body, maxBytes);
        string name;
        try
        {
            name = await sink.SaveAsync(index, digesting, contentType, cancellationToken);
        }
        catch (Exception) when (digesting.Failure is BodyTooLargeException)
        {
            return (new BodyDigestResult(digesting.BytesRead, Sha256: null, TooLarge: true), null);
        }
        catch (Exception) when (digesting.Failure is { } failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            throw;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new BodyStorageException($"Storing the body of result {index} failed: {exception.Message}", exception);
        }

        return (new BodyDigestResult(digesting.BytesRead, digesting.Sha256(), TooLarge: false), name);
    }
}
