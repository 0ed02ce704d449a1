namespace FunctionsFetch.Client;

/// <summary>
/// A body the job saved (<c>saveBodies</c>), with the Content-Type it was fetched with; unread, so a large one
/// can be streamed. Dispose it to free the connection.
/// </summary>
public sealed class SavedBody : IDisposable
{
    private readonly HttpResponseMessage _response;

    /// <summary>Takes ownership of <paramref name="response"/>.</summary>
    internal SavedBody(HttpResponseMessage response) => _response = response;

    /// <summary>The media type with its parameters, as fetched.</summary>
    public string? ContentType => _response.Content.Headers.ContentType?.ToString();

    public Task<Stream> ReadAsStreamAsync(CancellationToken cancellationToken = default) => _response.Content.ReadAsStreamAsync(cancellationToken);

    public Task<byte[]> ReadAsByteArrayAsync(CancellationToken cancellationToken = default) => _response.Content.ReadAsByteArrayAsync(cancellationToken);

    public void Dispose() => _response.Dispose();
}
