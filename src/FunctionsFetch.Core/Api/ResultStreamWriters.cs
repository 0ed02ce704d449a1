using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FunctionsFetch.Api;
using FunctionsFetch.Fetching;
using FunctionsFetch.Serialization;

namespace FunctionsFetch.Api;

/// <summary>Streams results as NDJSON or CSV through a <see cref="ResponseBuffer"/>, a bounded buffer at a time.</summary>
public static class ResultStreamWriters
{
    public const string CsvHeader = "index,url,finalUrl,statusCode,elapsedMs,bytes,sha256,contentType,attempts,errorKind,errorMessage,bodyBlob,etag,lastModified,notModified";

    public static Task WriteNdjsonAsync(Stream destination, IAsyncEnumerable<UrlResult> results, CancellationToken cancellationToken) =>
        WriteAsync(destination, header: null, results, (buffer, result) =>
        {
            using (var writer = new Utf8JsonWriter(buffer))
            {
                JsonSerializer.Serialize(writer, result, FetchJson.Options);
            }

            buffer.Write("\n"u8);
        }, cancellationToken);

    public static Task WriteCsvAsync(Stream destination, IAsyncEnumerable<UrlResult> results, CancellationToken cancellationToken) =>
        WriteAsync(destination, CsvHeader, results, (buffer, result) => buffer.Write(Encoding.UTF8.GetBytes(CsvRow(result))), cancellationToken);

    /// <summary>One RFC 4180 row, ending in CRLF.</summary>
    public static string CsvRow(UrlResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        string?[] fields =
        [
            Text(result.Index), result.Url, result.FinalUrl, result.StatusCode is { } status ? Text(status) : null,
            Text(result.ElapsedMs), Text(result.Bytes), result.Sha256, result.ContentType, Text(result.Attempts),
            result.Error is { } error ? JsonSerializer.Serialize(error.Kind, FetchJson.Options).Trim('"') : null,
            result.Error?.Message, result.BodyBlob, result.ETag,
            result.LastModified?.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            result.NotModified ? "true" : "false",
        ];
        return string.Join(',', fields.Select(Escape)) + "\r\n";
    }

    private static async Task WriteAsync(Stream destination, string? header, IAsyncEnumerable<UrlResult> results, Action<ArrayBufferWriter<byte>, UrlResult> write, CancellationToken cancellationToken)
    {
        var buffer = new ResponseBuffer(destination);
        if (header is not null)
        {
            buffer.Buffer.Write(Encoding.UTF8.GetBytes(header + "\r\n"));
        }

        await foreach (var result in results.WithCancellation(cancellationToken))
        {
            write(buffer.Buffer, result);
            await buffer.DrainIfFullAsync(flush: null, cancellationToken);
        }

        await buffer.DrainAsync(flush: null, cancellationToken);
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string? field)
    {
        if (string.IsNullOrEmpty(field))
        {
            return string.Empty;
        }

        return field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;
    }
}
