using System.Text;
using System.Text.Json;

namespace FunctionsFetch.Storage;

/// <summary>
/// A job's input as stored: chunks of <see cref="ChunkSize"/> URLs, one JSON line each, <c>[index,"url"]</c>,
/// so a batch reads only the chunks its slice falls in.
/// </summary>
public static class InputLines
{
    public const int ChunkSize = 1000;

    public static int ChunkCount(int urlCount) => (urlCount + ChunkSize - 1) / ChunkSize;

    /// <summary>The chunk's lines, UTF-8.</summary>
    public static byte[] Serialize(IReadOnlyList<JobUrl> urls, int chunk)
    {
        ArgumentNullException.ThrowIfNull(urls);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            var end = Math.Min((chunk + 1) * ChunkSize, urls.Count);
            for (var position = chunk * ChunkSize; position < end; position++)
            {
                writer.WriteStartArray();
                writer.WriteNumberValue(urls[position].Index);
                writer.WriteStringValue(urls[position].Url);
                writer.WriteEndArray();
                writer.Flush();
                buffer.WriteByte((byte)'\n');
                writer.Reset();
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Every URL of one chunk, in order.</summary>
    public static IEnumerable<JobUrl> Parse(BinaryData chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        foreach (var line in Encoding.UTF8.GetString(chunk.ToMemory().Span).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var entry = JsonDocument.Parse(line);
            yield return new JobUrl(entry.RootElement[0].GetInt32(), entry.RootElement[1].GetString()!);
        }
    }
}
