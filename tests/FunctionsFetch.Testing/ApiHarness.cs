using System.Text;
using FunctionsFetch.Api;
using FunctionsFetch.Configuration;
using FunctionsFetch.Jobs;
using FunctionsFetch.Serialization;
using FunctionsFetch.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace FunctionsFetch.Testing;

/// <summary>
/// The core API without a host: its handlers over a mocked <see cref="DurableTaskClient"/> and an in-memory
/// <see cref="JobStore"/>, with what they schedule recorded and each handler callable as a host would call it.
/// </summary>
public class ApiHarness
{
    private JobStore? _store;

    public ApiHarness(FetchOptions? options = null, TimeProvider? time = null)
    {
        Client = new Mock<DurableTaskClient>("test");
        Client
            .Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .Callback<TaskName, object?, StartOrchestrationOptions?, CancellationToken>((name, input, startOptions, _) =>
            {
                ScheduledOrchestrator = name.Name;
                ScheduledInput = (FetchJobInput?)input;
                ScheduledInstanceId = startOptions?.InstanceId;
                ScheduleCount++;
            })
            .ReturnsAsync((TaskName _, object? _, StartOrchestrationOptions? startOptions, CancellationToken _) => startOptions?.InstanceId ?? "generated");
        var results = new JobResultsReader(Store);
        var scheduler = new JobScheduler(Store, ActivitySlots.Default);
        var starter = new JobStarter(new JobRequestReader(Options.Create(options ?? new FetchOptions())), Store, scheduler, new JobRevalidation(results), NullLogger<JobStarter>.Instance);
        var retry = new FailedUrlRetry(Store, results, scheduler, NullLogger<FailedUrlRetry>.Instance);
        Starter = new StartJobHandler(starter, NullLogger<StartJobHandler>.Instance);
        Status = new JobStatusHandler(Store, results, NullLogger<JobStatusHandler>.Instance);
        Body = new JobBodyHandler(Store, results, NullLogger<JobBodyHandler>.Instance);
        ResultsPage = new JobResultsPageHandler(new LiveResultsReader(Store, results), NullLogger<JobResultsPageHandler>.Instance, time);
        Cancel = new CancelJobHandler(Store, NullLogger<CancelJobHandler>.Instance);
        Concurrency = new ConcurrencyHandler(Options.Create(options ?? new FetchOptions()), ActivitySlots.Default, NullLogger<ConcurrencyHandler>.Instance);
        RetryFailed = new RetryFailedHandler(retry);
        List = new JobListHandler(Store, NullLogger<JobListHandler>.Instance);
        Summary = new JobSummaryHandler(Store, results, NullLogger<JobSummaryHandler>.Instance);
        Rows = new JobRowsHandler(results, NullLogger<JobRowsHandler>.Instance);
    }

    public Mock<DurableTaskClient> Client { get; }

    public StartJobHandler Starter { get; }

    public JobStatusHandler Status { get; }

    public JobBodyHandler Body { get; }

    public JobResultsPageHandler ResultsPage { get; }

    public CancelJobHandler Cancel { get; }

    public ConcurrencyHandler Concurrency { get; }

    public RetryFailedHandler RetryFailed { get; }

    public JobListHandler List { get; }

    public JobSummaryHandler Summary { get; }

    public JobRowsHandler Rows { get; }

    /// <summary>The blobs behind <see cref="Store"/>, to see everything a start wrote.</summary>
    public InMemoryBlobContainer Blobs { get; } = new();

    /// <summary>Where the API keeps manifests and reads results.</summary>
    public JobStore Store => _store ??= new JobStore(Blobs);

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

    /// <summary>Makes the client know job <paramref name="id"/> in <paramref name="status"/>, with no progress reported.</summary>
    /// <param name="id">The job.</param>
    /// <param name="status">Its runtime status.</param>
    /// <param name="lastUpdatedAt">When its status last changed (for a terminated job: when it was terminated).</param>
    public void JobIs(string id, OrchestrationRuntimeStatus status, DateTimeOffset lastUpdatedAt = default) =>
        Client
            .Setup(c => c.GetInstanceAsync(id, It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OrchestrationMetadata(FetchJobNames.Orchestrator, id) { RuntimeStatus = status, LastUpdatedAt = lastUpdatedAt, DataConverter = FetchJson.DataConverter });

    /// <summary>Makes the client know job <paramref name="id"/> in <paramref name="status"/>, created at <paramref name="createdAt"/>, having published <paramref name="counts"/>.</summary>
    public void JobHas(string id, OrchestrationRuntimeStatus status, JobCounts counts, DateTimeOffset createdAt) =>
        Client
            .Setup(c => c.GetInstanceAsync(id, It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OrchestrationMetadata(FetchJobNames.Orchestrator, id)
            {
                RuntimeStatus = status,
                CreatedAt = createdAt,
                LastUpdatedAt = createdAt.AddMinutes(1),
                SerializedCustomStatus = FetchJson.DataConverter.Serialize(counts),
                DataConverter = FetchJson.DataConverter,
            });

    public void VerifyNothingScheduled() =>
        Client.Verify(
            c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()),
            Times.Never);

    /// <summary>
    /// A host's 202 for a started job, kept host-neutral: <c>{"id": ...}</c> with a Location. Each host's own
    /// payload (Durable check-status, local replica) is tested with that host.
    /// </summary>
    public static IResult Accepted(string instanceId) =>
        ApiResults.Json(
            StatusCodes.Status202Accepted,
            new AcceptedBody(instanceId),
            new Dictionary<string, string> { ["Location"] = $"http://localhost/api/fetch/{Uri.EscapeDataString(instanceId)}" });

    /// <summary>Starts a job as a host would; a null <paramref name="contentLength"/> declares the body's own length.</summary>
    public async Task<ExecutedResult> StartAsync(string body, string? contentType = "application/json", string? jobId = null, long? contentLength = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        using var stream = new MemoryStream(bytes);
        return await ExecutedResult.ExecuteAsync(
            await Starter.HandleAsync(Client.Object, contentType, contentLength ?? bytes.Length, stream, jobId, Accepted, CancellationToken.None));
    }

    public async Task<ExecutedResult> StatusAsync(string id, string? format = null, string? accept = null) =>
        await ExecutedResult.ExecuteAsync(await Status.HandleAsync(Client.Object, id, format, accept, CancellationToken.None));

    public async Task<ExecutedResult> BodyAsync(string id, string index) =>
        await ExecutedResult.ExecuteAsync(await Body.HandleAsync(Client.Object, id, index, CancellationToken.None));

    public async Task<ExecutedResult> ResultsPageAsync(string id, string? format = null, string? after = null, string? limit = null) =>
        await ExecutedResult.ExecuteAsync(await ResultsPage.HandleAsync(Client.Object, id, format, after, limit, CancellationToken.None));

    public async Task<ExecutedResult> CancelAsync(string id) =>
        await ExecutedResult.ExecuteAsync(await Cancel.HandleAsync(Client.Object, id, CancellationToken.None));

    public async Task<ExecutedResult> SetConcurrencyAsync(string id, string body)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(body));
        return await ExecutedResult.ExecuteAsync(await Concurrency.HandleAsync(Client.Object, id, stream, CancellationToken.None));
    }

    /// <summary>Makes the client know job <paramref name="id"/> in <paramref name="status"/> with <paramref name="input"/> as its orchestration's input.</summary>
    public void JobRunsWith(string id, FetchJobInput input, OrchestrationRuntimeStatus status = OrchestrationRuntimeStatus.Running) =>
        Client
            .Setup(c => c.GetInstanceAsync(id, It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OrchestrationMetadata(FetchJobNames.Orchestrator, id)
            {
                RuntimeStatus = status,
                SerializedInput = FetchJson.DataConverter.Serialize(input),
                DataConverter = FetchJson.DataConverter,
            });

    public async Task<ExecutedResult> ListAsync(string? top = null, string? continuationToken = null) =>
        await ExecutedResult.ExecuteAsync(await List.HandleAsync(Client.Object, top, continuationToken, CancellationToken.None));

    public async Task<ExecutedResult> SummaryAsync(string id) =>
        await ExecutedResult.ExecuteAsync(await Summary.HandleAsync(Client.Object, id, CancellationToken.None));

    public async Task<ExecutedResult> RowsAsync(string id, JobRowsHandler.Query query) =>
        await ExecutedResult.ExecuteAsync(await Rows.HandleAsync(Client.Object, id, query, CancellationToken.None));

    public async Task<ExecutedResult> RetryFailedAsync(string id) =>
        await ExecutedResult.ExecuteAsync(await RetryFailed.HandleAsync(Client.Object, id, Accepted, CancellationToken.None));

    /// <summary>The test host's 202 body.</summary>
    private sealed record AcceptedBody(string Id);
}
