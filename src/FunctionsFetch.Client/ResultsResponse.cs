using System.Globalization;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace FunctionsFetch.Client;

/// <summary>
/// A finished job's 200 answer, or a page of a job's results (<see cref="FetchClient.GetResultsPageAsync"/>), with its body
/// not yet read, so results of any size can be streamed: to a file as they come (<see cref="ReadAsStreamAsync"/>), row by row
/// (<see cref="ReadRowsAsync"/>, NDJSON), or read whole (<see cref="ReadResultsAsync"/>, JSON). Dispose it to free the connection.
/// </summary>
public sealed class ResultsResponse : IDisposable
{
    private readonly HttpResponseMessage _response;

    /// <summary>Takes ownership of <paramref name="response"/>.</summary>
    internal ResultsResponse(HttpResponseMessage response, string id, ResultFormat format)
    {
        _response = response;
        Id = id;
        Format = format;
        Counts = CountsFromHeaders(response, id);
        Cursor = Header(response, "x-fetch-cursor");
        Complete = string.Equals(Header(response, "x-fetch-complete"), "true", StringComparison.OrdinalIgnoreCase);
    }

    public string Id { get; }

    public ResultFormat Format { get; }

    /// <summary>The body's media type with its charset, as sent.</summary>
    public string? ContentType => _response.Content.Headers.ContentType?.ToString();

    /// <summary>The <c>x-fetch-*</c> headers' counts (NDJSON and CSV); null when absent, as for JSON, whose document starts with them.</summary>
    public ResultCounts? Counts { get; }

    /// <summary>A page's <c>x-fetch-cursor</c>: where the next page starts; null for a finished job's whole results.</summary>
    public string? Cursor { get; }

    /// <summary>A page's <c>x-fetch-complete</c>: the job has ended and no result is left after <see cref="Cursor"/>.</summary>
    public bool Complete { get; }

    public Task<Stream> ReadAsStreamAsync(CancellationToken cancellationToken = default) => _response.Content.ReadAsStreamAsync(cancellationToken);

    /// <summary>The whole JSON document, rows included: for jobs whose results fit in memory.</summary>
    public async Task<FetchResults> ReadResultsAsync(CancellationToken cancellationToken = default)
    {
        Require(ResultFormat.Json);
        return await _response.Content.ReadFromJsonAsync<FetchResults>(ClientJson.Options, cancellationToken)
            ?? throw new JsonException($"Job {Id}'s results document was null.");
    }

    /// <summary>The NDJSON rows one at a time, as they arrive, never all held at once.</summary>
    public async IAsyncEnumerable<ResultRow> ReadRowsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Require(ResultFormat.Ndjson);
        var stream = await _response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var row in JsonSerializer.DeserializeAsyncEnumerable<ResultRow>(stream, topLevelValues: true, ClientJson.Options, cancellationToken))
        {
            yield return row ?? throw new JsonException($"A line of job {Id}'s NDJSON results was null.");
        }
    }

    public void Dispose() => _response.Dispose();

    private void Require(ResultFormat format)
    {
        if (Format != format)
        {
            throw new InvalidOperationException($"These results are {Format}; ask for {format} to read them this way.");
        }
    }

    private static ResultCounts? CountsFromHeaders(HttpResponseMessage response, string id)
    {
        int Number(string name) => int.TryParse(Header(response, name), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        return Header(response, "x-fetch-runtime-status") is { } status
            ? new ResultCounts(id, status, Number("x-fetch-total"), Number("x-fetch-succeeded"), Number("x-fetch-failed"))
            : null;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
