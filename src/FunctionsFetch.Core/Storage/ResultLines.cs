using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using FunctionsFetch.Fetching;
using FunctionsFetch.Serialization;

namespace FunctionsFetch.Storage;

/// <summary>Results as NDJSON: one camelCase JSON object per line, the same shape the API shows.</summary>
public static class ResultLines
{
    public static byte[] Serialize(IReadOnlyList<UrlResult> results) => JsonLines.Serialize(results);

    public static async IAsyncEnumerable<UrlResult> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length > 0)
            {
                yield return JsonSerializer.Deserialize<UrlResult>(line, FetchJson.Options)
                    ?? throw new InvalidDataException("A stored result line is empty JSON.");
            }
        }
    }
}
