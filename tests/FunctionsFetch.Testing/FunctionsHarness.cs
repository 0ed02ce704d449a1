using System.Text;
using FunctionsFetch.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace FunctionsFetch.Testing;

/// <summary>
/// What an HTTP trigger needs to run outside the Functions host, on top of the core API's <see cref="ApiHarness"/>:
/// a <see cref="FunctionContext"/> whose services hold the app's worker serializer, and requests as the trigger binds them.
/// </summary>
public sealed class FunctionsHarness : ApiHarness
{
    public FunctionsHarness(FetchOptions? options = null)
        : base(options)
    {
        var services = new ServiceCollection();
        services.Configure<WorkerOptions>(o => o.Serializer = FunctionsFetch.Functions.WorkerJson.Serializer);
        Context = new Mock<FunctionContext>();
        Context.SetupGet(c => c.InstanceServices).Returns(services.BuildServiceProvider());
        Context.SetupGet(c => c.FunctionDefinition).Returns(Mock.Of<FunctionDefinition>(d => d.Name == "HarnessFunction"));
        var features = new Mock<IInvocationFeatures>();
        features.Setup(f => f.Get<IHttpRequestDataFeature>()).Returns(() => _requestData);
        Context.SetupGet(c => c.Features).Returns(features.Object);
    }

    public Mock<FunctionContext> Context { get; }

    /// <summary>
    /// A request as the trigger binds it (<see cref="HttpRequest"/>), also offered as the invocation's
    /// <see cref="HttpRequestData"/> the way the ASP.NET Core integration does, for the Durable extension's payload.
    /// </summary>
    public HttpRequest Request(string method, string path, string? body = null, string? contentType = null, long? contentLength = null, string? accept = null)
    {
        var url = new Uri(new Uri("http://localhost:7071"), path);
        var bytes = Encoding.UTF8.GetBytes(body ?? string.Empty);
        var request = new DefaultHttpContext().Request;
        request.Method = method;
        request.Scheme = url.Scheme;
        request.Host = new HostString(url.Authority);
        request.Path = url.AbsolutePath;
        request.QueryString = new QueryString(url.Query);
        request.ContentType = contentType;
        request.ContentLength = contentLength ?? bytes.Length;
        if (accept is not null)
        {
            request.Headers.Accept = accept;
        }

        request.Body = new MemoryStream(bytes);
        var headers = new HttpHeadersCollection();
        RequestData = new FakeHttpRequestData(Context.Object, method, url, Stream.Null, headers);
        _requestData = new RequestDataFeature(RequestData);
        return request;
    }

    /// <summary>The last <see cref="Request"/> as the worker's <see cref="HttpRequestData"/>.</summary>
    public FakeHttpRequestData? RequestData { get; private set; }

    /// <summary>Runs an HTTP trigger's answer as the ASP.NET Core integration does.</summary>
    public static Task<ExecutedResult> ExecuteAsync(IResult result) => ExecutedResult.ExecuteAsync(result);

    private IHttpRequestDataFeature? _requestData;

    private sealed class RequestDataFeature(HttpRequestData request) : IHttpRequestDataFeature
    {
        public ValueTask<HttpRequestData?> GetHttpRequestDataAsync(FunctionContext context) => ValueTask.FromResult<HttpRequestData?>(request);
    }
}
