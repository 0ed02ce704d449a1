using System.Buffers;
using System.Text.Json;
using FunctionsFetch.Fetching;
using FunctionsFetch.Jobs;
using FunctionsFetch.Serialization;

namespace FunctionsFetch.Api;

/// <summary>
/// Writes <c>{id, runtimeStatus, total, succeeded, failed, results: [...]}</c> straight to the response,
/// one result at a time, so a job's results are never held in memory whole. JSON is built in a small
/// buffer and copied out with async writes only (servers refuse synchronous ones).
/// </summary>
public static class JobResultsDocument
{
    private const int DrainAtBytes = 32 * 1024;

    public static async Task WriteAsync(
        Stream destination, string id, string runtimeStatus, JobCounts counts, string? reason, IAsyncEnumerable<UrlResult> results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(results);
        var buffer = new ArrayBufferWriter<byte>(DrainAtBytes * 2);
        await using var writer = new Utf8JsonWriter(buffer);
        writer.WriteStartObject();
        writer.WriteString("id", id);
        writer.WriteString("runtimeStatus", runtimeStatus);
        writer.WriteNumber("total", counts.Total);
        writer.WriteNumber("succeeded", counts.Succeeded);
        writer.WriteNumber("failed", counts.Failed);
        writer.WriteStartArray("results");
        await foreach (var result in results.WithCancellation(cancellationToken))
        {
            JsonSerializer.Serialize(writer, result, FetchJson.Options);
            if (buffer.WrittenCount >= DrainAtBytes)
            {
                await DrainAsync(writer, buffer, destination, cancellationToken);
            }
        }

        writer.WriteEndArray();
        if (reason is not null)
        {
            writer.WriteString("reason", reason);
        }

        writer.WriteEndObject();
        await DrainAsync(writer, buffer, destination, cancellationToken);
    }

    private static async Task DrainAsync(Utf8JsonWriter writer, ArrayBufferWriter<byte> buffer, Stream destination, CancellationToken cancellationToken)
    {
        writer.Flush();
        await destination.WriteAsync(buffer.WrittenMemory, cancellationToken);
        buffer.ResetWrittenCount();
    }
}
