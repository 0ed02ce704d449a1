using System.Net;

namespace FunctionsFetch.Fetching;

/// <summary>
/// A response's content that holds the request's politeness places until it is disposed, so a fetch counts as in
/// flight to its host until its body has been read (or the response was dropped, as a retry drops one).
/// </summary>
internal sealed class LeasedContent : HttpContent
{
    private readonly HttpContent _inner;
    private IDisposable? _places;

    public LeasedContent(HttpContent inner, IDisposable places)
    {
        _inner = inner;
        _places = places;
        foreach (var header in inner.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => _inner.CopyToAsync(stream);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        _inner.CopyToAsync(stream, cancellationToken);

    protected override Task<Stream> CreateContentReadStreamAsync() => _inner.ReadAsStreamAsync();

    protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) => _inner.ReadAsStreamAsync(cancellationToken);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            Interlocked.Exchange(ref _places, null)?.Dispose();
        }

        base.Dispose(disposing);
    }
}
