using System.Text.Json;
using FunctionsFetch.Fetching;

namespace FunctionsFetch.Api;

/// <summary>
/// Writes <c>{id, runtimeStatus, total, succeeded, failed, results: [...]}</c> straight to the response,
/// one result at a time, so a job's results are never held in memory whole.
/// </summary>
public static class JobResultsDocument
{
    private const int FlushEvery = 256;

    public static async Task WriteAsync(Stream destination, JobCounts counts, string? reason, IAsyncEnumerable<UrlResult> results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(results);
        await using var writer = new Utf8JsonWriter(destination);
        writer.WriteStartObject();
        writer.WriteString("id", counts.Id);
        writer.WriteString("runtimeStatus", counts.RuntimeStatus);
        writer.WriteNumber("total", counts.Total);
        writer.WriteNumber("succeeded", counts.Succeeded);
        writer.WriteNumber("failed", counts.Failed);
        writer.WriteStartArray("results");
        var written = 0;
        await foreach (var result in results.WithCancellation(cancellationToken))
        {
            JsonSerializer.Serialize(writer, result, ApiJson.Options);
            if (++written % FlushEvery == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        writer.WriteEndArray();
        if (reason is not null)
        {
            writer.WriteString("reason", reason);
        }

        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
    }
}
