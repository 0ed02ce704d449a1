using System.Buffers;

namespace FunctionsFetch.Jobs;

/// <summary>A request body read whole, but never past a limit: the one read loop of the API's request readers.</summary>
public static class BoundedBody
{
    /// <summary>Reads the whole body, or returns null as soon as it passes the limit.</summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
