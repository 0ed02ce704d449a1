using System.Net;
using System.Text;

namespace FunctionsFetch.Tests.TestSupport;

/// <summary>
/// Answers each request with the next scripted response and records what was sent (the body read as text), so
/// a client's side of the wire is checked without a server.
/// </summary>
public sealed class StubHttpHandler : HttpMessageHandler
{
    private readonly Queue<HttpResponseMessage> _answers = new();

    public StubHttpHandler() => Http = new HttpClient(this, disposeHandler: false) { BaseAddress = new Uri("http://127.0.0.1:7071"), Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>A client of this handler on <c>http://127.0.0.1:7071</c>; a call left waiting fails in 10 s rather than hanging.</summary>
    public HttpClient Http { get; }

    public List<SentRequest> Requests { get; } = [];

    public StubHttpHandler Answer(HttpStatusCode status, string? body = null, string mediaType = "application/json", Action<HttpResponseMessage>? configure = null)
    {
        var response = new HttpResponseMessage(status);
        if (body is not null)
        {
            response.Content = new StringContent(body, Encoding.UTF8, mediaType);
        }

        configure?.Invoke(response);
        return Answer(response);
    }

    public StubHttpHandler Answer(HttpResponseMessage response)
    {
        _answers.Enqueue(response);
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var key = request.Headers.TryGetValues("x-functions-key", out var values) ? values.Single() : null;
        Requests.Add(new SentRequest(request.Method, request.RequestUri!, key, body));
        return _answers.Count > 0 ? _answers.Dequeue() : throw new InvalidOperationException($"No answer scripted for {request.Method} {request.RequestUri}.");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Http.Dispose();
            foreach (var answer in _answers)
            {
                answer.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}

/// <summary>One request the stub saw: its method, absolute URI, API key header and body text.</summary>
public sealed record SentRequest(HttpMethod Method, Uri Uri, string? ApiKey, string? Body);
