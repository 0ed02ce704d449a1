using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsFetch.Testing;

/// <summary>An <see cref="IResult"/> executed onto an in-memory response, as either host would send it: status, headers and body bytes.</summary>
public sealed class ExecutedResult
{
    private static readonly IServiceProvider Services = new ServiceCollection().AddLogging().BuildServiceProvider();

    private ExecutedResult(HttpResponse response, byte[] body)
    {
        StatusCode = (HttpStatusCode)response.StatusCode;
        Headers = response.Headers;
        Bytes = body;
    }

    public HttpStatusCode StatusCode { get; }

    public IHeaderDictionary Headers { get; }

    public byte[] Bytes { get; }

    public Stream Body => new MemoryStream(Bytes, writable: false);

    public string Text => Encoding.UTF8.GetString(Bytes);

    public static async Task<ExecutedResult> ExecuteAsync(IResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var context = new DefaultHttpContext { RequestServices = Services };
        using var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        return new ExecutedResult(context.Response, body.ToArray());
    }

    /// <summary>A header's single value, or null when it was not sent.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var values) ? values.Single() : null;

    public JsonDocument ReadJson() => JsonDocument.Parse(Bytes);
}
