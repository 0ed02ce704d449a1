using System.Text;
using System.Text.Json;

namespace FunctionsFetch.Serialization;

/// <summary>NDJSON in the one JSON shape (<see cref="FetchJson"/>): one camelCase object per line, UTF-8.</summary>
public static class JsonLines
{
    public static byte[] Serialize<T>(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        using var buffer = new MemoryStream();
        foreach (var item in items)
        {
            JsonSerializer.Serialize(buffer, item, FetchJson.Options);
            buffer.WriteByte((byte)'\n');
        }

        return buffer.ToArray();
    }

    /// <summary>Every line of <paramref name="content"/>, blank ones skipped.</summary>
    public static IEnumerable<T> Parse<T>(BinaryData content)
    {
        ArgumentNullException.ThrowIfNull(content);
        foreach (var line in Encoding.UTF8.GetString(content.ToMemory().Span).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            yield return JsonSerializer.Deserialize<T>(line, FetchJson.Options) ?? throw new InvalidDataException($"A stored {typeof(T).Name} line is empty JSON.");
        }
    }
}
