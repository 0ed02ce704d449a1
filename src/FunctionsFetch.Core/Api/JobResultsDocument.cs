using System.Text.Json;
using FunctionsFetch.Fetching;
using FunctionsFetch.Jobs;
using FunctionsFetch.Serialization;
using FunctionsFetch.Storage;

namespace FunctionsFetch.Api;

/// <summary>
/// Writes <c>{id, runtimeStatus, total, succeeded, failed, results: [...], reason, callback}</c> (<c>reason</c> when the job did not
/// complete, <c>callback</c> when it has a completion callback) straight to the response,
/// one result at a time through a <see cref="ResponseBuffer"/>, so a job's results are never held in memory whole.
/// </summary>
public static class JobResultsDocument
{
    public static async Task WriteAsync(
        Stream destination, string id, string runtimeStatus, JobCounts counts, string? reason, CallbackOutcome? callback, IAsyncEnumerable<UrlResult> results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(results);
        var buffer = new ResponseBuffer(destination);
        await using var writer = new Utf8JsonWriter(buffer.Buffer);
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
            await buffer.DrainIfFullAsync(writer.Flush, cancellationToken);
        }

        writer.WriteEndArray();
        if (reason is not null)
        {
            writer.WriteString("reason", reason);
        }

        if (callback is not null)
        {
            writer.WritePropertyName("callback");
            JsonSerializer.Serialize(writer, callback, FetchJson.Options);
        }

        writer.WriteEndObject();
        await buffer.DrainAsync(writer.Flush, cancellationToken);
    }
}
