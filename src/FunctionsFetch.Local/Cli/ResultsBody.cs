using System.Text.Json;
using FunctionsFetch.Client;

namespace FunctionsFetch.Local.Cli;

/// <summary>
/// A finished job's results, not yet read past their counts: those come from the headers for NDJSON and
/// CSV, and from the JSON document's head (written before any result) for JSON. The rest is streamed
/// to the output by <see cref="CopyToAsync"/>, never held whole.
/// </summary>
internal sealed class ResultsBody : IDisposable
{
    // The head ({id, runtimeStatus, total, succeeded, failed, ...) is well under this.
    private const int HeadBytes = 4096;

    private readonly ResultsResponse _response;
    private readonly Stream _body;
    private readonly ReadOnlyMemory<byte> _head;

    private ResultsBody(ResultsResponse response, Stream body, ReadOnlyMemory<byte> head, ResultCounts counts)
    {
        _response = response;
        _body = body;
        _head = head;
        Counts = counts;
    }

    public ResultCounts Counts { get; }

    /// <summary>Takes ownership of <paramref name="response"/>.</summary>
    public static async Task<ResultsBody> OpenAsync(ResultsResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        try
        {
            var body = await response.ReadAsStreamAsync(cancellationToken);
            if (response.Format != ResultFormat.Json)
            {
                var counts = response.Counts ?? throw new CliException("The server sent results without their counts.", ExitCodes.JobFailed);
                return new ResultsBody(response, body, ReadOnlyMemory<byte>.Empty, counts);
            }

            var head = new byte[HeadBytes];
            var length = 0;
            int read;
            while (length < head.Length && (read = await body.ReadAsync(head.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
            }

            return new ResultsBody(response, body, head.AsMemory(0, length), ReadHead(head.AsSpan(0, length), response.Id));
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>The counts at the start of a results document, read without needing the rest of it.</summary>
    public static ResultCounts ReadHead(ReadOnlySpan<byte> start, string id)
    {
        var reader = new Utf8JsonReader(start, isFinalBlock: false, default);
        string? status = null;
        int total = 0, succeeded = 0, failed = 0;
        try
        {
            while (reader.Read() && !(reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("results")))
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
                {
                    continue;
                }

                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "runtimeStatus":
                        status = reader.GetString();
                        break;
                    case "total":
                        total = reader.GetInt32();
                        break;
                    case "succeeded":
                        succeeded = reader.GetInt32();
                        break;
                    case "failed":
                        failed = reader.GetInt32();
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Not the document expected: no status read, told below.
        }

        return status is null
            ? throw new CliException("The server's results document does not start with the job's status.", ExitCodes.JobFailed)
            : new ResultCounts(id, status, total, succeeded, failed);
    }

    public async Task CopyToAsync(Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        await destination.WriteAsync(_head, cancellationToken);
        await _body.CopyToAsync(destination, cancellationToken);
        await destination.FlushAsync(cancellationToken);
    }

    public void Dispose()
    {
        _body.Dispose();
        _response.Dispose();
    }
}
