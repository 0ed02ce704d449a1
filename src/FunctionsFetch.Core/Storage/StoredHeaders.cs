using System.Text.Json;
using FunctionsFetch.Fetching;

namespace FunctionsFetch.Storage;

/// <summary>A job's request headers as the job store keeps them: one JSON object of names to values, in the order given.</summary>
public static class StoredHeaders
{
    public static byte[] Serialize(RequestHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in headers.Entries)
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static RequestHeaders Parse(BinaryData content)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var document = JsonDocument.Parse(content.ToMemory());
        return new RequestHeaders([.. document.RootElement.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString() ?? string.Empty))]);
    }
}
