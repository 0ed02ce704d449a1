using System.Net;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Moq;

namespace FunctionsFetch.Testing;

/// <summary>An in-memory response whose body a test can read back.</summary>
public sealed class FakeHttpResponseData(FunctionContext context) : HttpResponseData(context)
{
    public override HttpStatusCode StatusCode { get; set; }

    public override HttpHeadersCollection Headers { get; set; } = [];

    public override Stream Body { get; set; } = new MemoryStream();

    public override HttpCookies Cookies { get; } = Mock.Of<HttpCookies>();

    public string? Header(string name) => Headers.TryGetValues(name, out var values) ? values.Single() : null;

    public JsonDocument ReadJson()
    {
        Body.Position = 0;
        return JsonDocument.Parse(Body);
    }
}
