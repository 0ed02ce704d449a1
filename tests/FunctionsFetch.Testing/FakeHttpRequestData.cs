using System.Security.Claims;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace FunctionsFetch.Testing;

/// <summary>An in-memory request for calling HTTP trigger functions directly.</summary>
public sealed class FakeHttpRequestData(FunctionContext context, string method, Uri url, Stream body, HttpHeadersCollection headers) : HttpRequestData(context)
{
    public override Stream Body { get; } = body;

    public override HttpHeadersCollection Headers { get; } = headers;

    public override IReadOnlyCollection<IHttpCookie> Cookies { get; } = [];

    public override Uri Url { get; } = url;

    public override IEnumerable<ClaimsIdentity> Identities { get; } = [];

    public override string Method { get; } = method;

    public override HttpResponseData CreateResponse() => new FakeHttpResponseData(FunctionContext);
}
