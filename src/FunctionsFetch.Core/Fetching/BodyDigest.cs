using System.Buffers;
using System.Security.Cryptography;

namespace FunctionsFetch.Fetching;

/// <summary>What reading a body produced: its length and SHA-256, or that it passed the cap.</summary>
internal readonly record struct BodyDigestResult(long Bytes, string? Sha256, bool TooLarge);

/// <summary>Streams a body through SHA-256 in pooled chunks, never holding it whole.</summary>
internal static class BodyDigest
{
    private const int ChunkSize = 64 * 1024;

    public static async Task<BodyDigestResult> ReadAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(0, ChunkSize), cancellationToken)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    return new BodyDigestResult(total, Sha256: null, TooLarge: true);
                }

                hash.AppendData(buffer, 0, read);
            }

            return new BodyDigestResult(total, Convert.ToHexStringLower(hash.GetHashAndReset()), TooLarge: false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
