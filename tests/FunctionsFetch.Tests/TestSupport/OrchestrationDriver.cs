using FunctionsFetch.Configuration;
using FunctionsFetch.Diagnostics;
using FunctionsFetch.Fetching;
using FunctionsFetch.Fetching.Robots;
using FunctionsFetch.Jobs;
using FunctionsFetch.Storage;
using FunctionsFetch.Testing;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace FunctionsFetch.Tests.TestSupport;

/// <summary>
/// Runs <see cref="FetchOrchestration"/> over a mocked <see cref="TaskOrchestrationContext"/> whose batch
/// activities complete only when the test says, in the order it chooses, and that runs it again when it continues as new. Completing a batch stores its
/// results as the real activity would; the record-failed activity runs the real core body at once.
/// </summary>
public sealed class OrchestrationDriver
{
    public const string JobId = "job-under-test";

    private readonly List<(FetchBatch Batch, TaskCompletionSource<BatchOutcome> Completion)> _inFlight = [];
    private readonly BatchFetcher _fetcher;
    private TaskCompletionSource<ConcurrencyChange>? _retune;

    /// <summary>Stores the job's URLs as the starter does, and starts the orchestration on their count.</summary>
    public OrchestrationDriver(JobRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Store.WriteInputAsync(JobId, request.ToJobUrls(), CancellationToken.None).GetAwaiter().GetResult();
        _fetcher = new BatchFetcher(
            new UrlFetcher(
                Mock.Of<IHttpClientFactory>(),
                new RobotsGate(new RobotsCache(Mock.Of<IHttpClientFactory>(), Options.Create(new FetchOptions()), NullLogger<RobotsCache>.Instance), new CrawlDelayGate(), Options.Create(new FetchOptions())),
                TestMetrics.Create()),
            Store,
            new JobCancellationWatcher(Store, NullLogger<JobCancellationWatcher>.Instance),
            new StorageOutageRetry(NullLogger<StorageOutageRetry>.Instance),
            new HostBackoff(Options.Create(new FetchOptions())),
            TestMetrics.Create(),
            Options.Create(new FetchOptions()),
            NullLogger<BatchFetcher>.Instance);
        Context = CreateContext(JobId);
        Context.Setup(c => c.GetInput<FetchJobInput>()).Returns(new FetchJobInput(request.Urls.Count, JobPlanner.Plan(request.Settings, request.Urls.Count, ActivitySlots.Default)));
        Context
            .Setup(c => c.ContinueAsNew(It.IsAny<object?>(), It.IsAny<bool>()))
            .Callback<object?, bool>((next, _) => Generations.Add((FetchJobInput)next!));
    }

    public Mock<TaskOrchestrationContext> Context { get; }

    /// <summary>Where the orchestration counts the job's end, or null.</summary>
    public FetchMetrics? Metrics { get; init; }

    public JobStore Store { get; } = new(new InMemoryBlobContainer());

    public List<FetchBatch> Scheduled { get; } = [];

    public List<JobCounts> Progress { get; } = [];

    /// <summary>The throttled hosts each custom status named, in order.</summary>
    public List<IReadOnlyList<ThrottledHost>> ThrottledHosts { get; } = [];

    public int PeakInFlight { get; private set; }

    /// <summary>The concurrency each custom status named, in order.</summary>
    public List<int> Concurrencies { get; } = [];

    /// <summary>When the durable timers the orchestration created were set to fire, in order.</summary>
    public List<DateTime> Timers { get; } = [];

    /// <summary>The orchestration's clock, fixed: timers complete as soon as they are created.</summary>
    public static DateTime Now { get; } = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>The inputs the job continued as new with, in order.</summary>
    public List<FetchJobInput> Generations { get; } = [];

    public IReadOnlyList<FetchBatch> InFlight => _inFlight.Select(f => f.Batch).ToList();

    /// <summary>
    /// Runs the orchestration, each time completing the in-flight batch <paramref name="pick"/> chooses
    /// with <paramref name="complete"/>. Runs without a synchronization context, so each completion
    /// resumes the orchestrator inline, as the durable dispatcher would.
    /// </summary>
    public Task<JobCounts> RunAsync(Func<IReadOnlyList<FetchBatch>, int> pick, Func<FetchBatch, TaskCompletionSource<BatchOutcome>, Task> complete) =>
        Task.Run(async () =>
        {
            while (true)
            {
                var generations = Generations.Count;
                var run = FetchOrchestration.RunAsync(Context.Object, Metrics);
                while (!run.IsCompleted)
                {
                    Assert.NotEmpty(_inFlight);
                    var chosen = pick(InFlight);
                    var (batch, completion) = _inFlight[chosen];
                    _inFlight.RemoveAt(chosen);
                    await complete(batch, completion);
                }

                var output = await run;
                if (Generations.Count == generations)
                {
                    return output;
                }

                // Continued as new: the engine runs the orchestration again, on a fresh history, with the new input.
                Assert.Empty(_inFlight);
                Context.Setup(c => c.GetInput<FetchJobInput>()).Returns(Generations[^1]);
            }
        });

    private Mock<TaskOrchestrationContext> CreateContext(string instanceId)
    {
        var context = new Mock<TaskOrchestrationContext>();
        context.SetupGet(c => c.InstanceId).Returns(instanceId);
        context.Setup(c => c.CreateReplaySafeLogger(It.IsAny<string>())).Returns(NullLogger.Instance);
        context.Setup(c => c.SetCustomStatus(It.IsAny<object?>())).Callback<object?>(status => { var live = (JobLiveStatus)status!; Progress.Add(live.Counts); ThrottledHosts.Add(live.ThrottledHosts); Concurrencies.Add(live.Concurrency); });
        context
            .Setup(c => c.WaitForExternalEvent<ConcurrencyChange>(FetchJobNames.ConcurrencyEvent, It.IsAny<CancellationToken>()))
            .Returns(() => (_retune = new TaskCompletionSource<ConcurrencyChange>()).Task);
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(Now);
        context
            .Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Callback<DateTime, CancellationToken>((fireAt, _) => Timers.Add(fireAt))
            .Returns(Task.CompletedTask);
        context
            .Setup(c => c.CallActivityAsync<BatchOutcome>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns<TaskName, object?, TaskOptions?>((name, activityInput, _) =>
            {
                if (name.Name == FetchJobNames.RecordFailedBatchActivity)
                {
                    return _fetcher.RecordFailedAsync((FailedBatch)activityInput!);
                }

                Assert.Equal(FetchJobNames.FetchBatchActivity, name.Name);
                var batch = (FetchBatch)activityInput!;
                var completion = new TaskCompletionSource<BatchOutcome>();
                _inFlight.Add((batch, completion));
                Scheduled.Add(batch);
                PeakInFlight = Math.Max(PeakInFlight, _inFlight.Count);
                return completion.Task;
            });
        return context;
    }

    /// <summary>Raises the retune event the orchestration waits for now, as the API would; it resumes inline.</summary>
    public void Retune(ConcurrencyChange change)
    {
        Assert.NotNull(_retune);
        Assert.True(_retune.TrySetResult(change), "The orchestration was not waiting for a retune.");
    }

    /// <summary>
    /// Stores the results of the batch's URLs (only those it was given, for a round of handed-back ones), the first
    /// <paramref name="failures"/> of them as 500s, hands back those at <paramref name="handBack"/>, and completes it.
    /// </summary>
    public async Task SucceedAsync(FetchBatch batch, TaskCompletionSource<BatchOutcome> completion, int failures = 0, int[]? handBack = null, int handBackWaitSeconds = 30)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(completion);
        var urls = await Store.ReadInputAsync(batch.JobId, batch.Offset, batch.Count, CancellationToken.None);
        var positions = batch.HandedBack?.Select(u => u.Position).ToArray() ?? Enumerable.Range(0, urls.Count).ToArray();
        var kept = positions.Where(p => handBack?.Contains(p) != true).ToArray();
        var results = kept
            .Select((position, i) => new UrlResult(urls[position].Index, urls[position].Url, urls[position].Url, i < failures ? 500 : 200, 5, 10, "hash", "text/plain", 1, Error: null))
            .ToArray();
        await Store.WriteBatchAsync(batch.JobId, batch.Number, batch.Round, results, CancellationToken.None);
        var handedBack = handBack?.Select(p => new HandedBackUrl(p, Attempts: 1, WaitSeconds: handBackWaitSeconds)).ToArray();
        var failed = Math.Min(failures, results.Length);
        completion.SetResult(new BatchOutcome(new JobCounts(results.Length, results.Length - failed, failed), handedBack));
    }

    /// <summary>Every stored result of the job, read back as the API reads it.</summary>
    public async Task<List<UrlResult>> ReadResultsAsync()
    {
        var results = new List<UrlResult>();
        await foreach (var result in new JobResultsReader(Store).ReadMergedAsync(JobId, CancellationToken.None))
        {
            results.Add(result);
        }

        return results;
    }
}
