using System.Buffers;

namespace FunctionsFetch.Api;

/// <summary>
/// The one drain loop of every streamed answer: rows are written to a small buffer and copied out with async
/// writes only (servers refuse synchronous ones), so a job's results are never held in memory whole.
/// </summary>
internal sealed class ResponseBuffer(Stream destination)
{
    private const int DrainAtBytes = 32 * 1024;

    public ArrayBufferWriter<byte> Buffer { get; } = new(DrainAtBytes * 2);

    /// <summary>Copies the buffer out once it holds <see cref="DrainAtBytes"/> or more.</summary>
    /// <param name="flush">Flushes a writer that buffers on its own (a <c>Utf8JsonWriter</c>) into <see cref="Buffer"/> first.</param>
    /// <param name="cancellationToken">Aborts the write.</param>
    public async ValueTask DrainIfFullAsync(Action? flush, CancellationToken cancellationToken)
    {
        if (Buffer.WrittenCount >= DrainAtBytes)
        {
            await DrainAsync(flush, cancellationToken);
        }
    }

    /// <summary>Copies out whatever the buffer holds.</summary>
    public async ValueTask DrainAsync(Action? flush, CancellationToken cancellationToken)
    {
        flush?.Invoke();
        await destination.WriteAsync(Buffer.WrittenMemory, cancellationToken);
        Buffer.ResetWrittenCount();
    }
}
