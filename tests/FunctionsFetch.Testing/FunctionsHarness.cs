using System.Text;
using FunctionsFetch.Api;
using FunctionsFetch.Configuration;
using FunctionsFetch.Jobs;
using FunctionsFetch.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace FunctionsFetch.Testing;

/// <summary>
/// What an HTTP trigger needs to run outside the Functions host: a <see cref="FunctionContext"/> whose
/// services hold the app's worker serializer, a mocked <see cref="DurableTaskClient"/>, and the core API.
/// </summary>
public sealed class FunctionsHarness
{
    public FunctionsHarness(FetchOptions? options = null)
    {
        var services = new ServiceCollection();
        services.Configure<WorkerOptions>(o => o.Serializer = FunctionsFetch.Functions.WorkerJson.Serializer);
        Context = new Mock<FunctionContext>();
        Context.SetupGet(c => c.InstanceServices).Returns(services.BuildServiceProvider());
        Context.SetupGet(c => c.FunctionDefinition).Returns(Mock.Of<FunctionDefinition>(d => d.Name == "HarnessFunction"));
        var features = new Mock<IInvocationFeatures>();
        features.Setup(f => f.Get<IHttpRequestDataFeature>()).Returns(() => _requestData);
        Context.SetupGet(c => c.Features).Returns(features.Object);
        Client = new Mock<DurableTaskClient>("test");
        Client
            .Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .Callback<TaskName, object?, StartOrchestrationOptions?, CancellationToken>((name, input, options, _) =>
            {
                ScheduledOrchestrator = name.Name;
                ScheduledInput = (FetchJobInput?)input;
                ScheduledInstanceId = options?.InstanceId;
                ScheduleCount++;
            })
            .ReturnsAsync((TaskName _, object? _, StartOrchestrationOptions? options, CancellationToken _) => options?.InstanceId ?? "generated");
        var results = new JobResultsReader(Store);
        var scheduler = new JobScheduler(Store);
        var starter = new JobStarter(new JobRequestReader(Options.Create(options ?? new FetchOptions())), Store, scheduler, NullLogger<JobStarter>.Instance);
        var retry = new FailedUrlRetry(Store, results, scheduler, NullLogger<FailedUrlRetry>.Instance);
        Starter = new StartJobHandler(starter, NullLogger<StartJobHandler>.Instance);
        Status = new JobStatusHandler(Store, results, NullLogger<JobStatusHandler>.Instance);
        Body = new JobBodyHandler(Store, results, NullLogger<JobBodyHandler>.Instance);
        Cancel = new CancelJobHandler(Store, NullLogger<CancelJobHandler>.Instance);
        RetryFailed = new RetryFailedHandler(retry);
    }

    public Mock<FunctionContext> Context { get; }

    public Mock<DurableTaskClient> Client { get; }

    public StartJobHandler Starter { get; }

    public JobStatusHandler Status { get; }

    public JobBodyHandler Body { get; }

    public CancelJobHandler Cancel { get; }

    public RetryFailedHandler RetryFailed { get; }

    /// <summary>Where the API keeps manifests and reads results.</summary>
    public JobStore Store { get; } = new(new InMemoryBlobContainer());

    /// <summary>The orchestrator name of the last scheduled job.</summary>
    public string? ScheduledOrchestrator { get; private set; }

    /// <summary>The instance id the last scheduled job was given.</summary>
    public string? ScheduledInstanceId { get; private set; }

    /// <summary>How many jobs were scheduled.</summary>
    public int ScheduleCount { get; private set; }

    /// <summary>The input of the last scheduled job.</summary>
    public FetchJobInput? ScheduledInput { get; private set; }

    /// <summary>The URLs, with their result indexes, the last scheduled job stored for its batches.</summary>
    public async Task<IReadOnlyList<JobUrl>> ScheduledUrlsAsync() =>
        await Store.ReadInputAsync(ScheduledInstanceId!, 0, ScheduledInput!.UrlCount, CancellationToken.None);

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

    public void VerifyNothingScheduled() =>
        Client.Verify(
            c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()),
            Times.Never);

    private sealed class RequestDataFeature(HttpRequestData request) : IHttpRequestDataFeature
    {
        public ValueTask<HttpRequestData?> GetHttpRequestDataAsync(FunctionContext context) => ValueTask.FromResult<HttpRequestData?>(request);
    }
}
