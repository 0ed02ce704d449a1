using FunctionsFetch.Fetching;
using FunctionsFetch.Jobs;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace FunctionsFetch.Tests.TestSupport;

/// <summary>
/// Runs <see cref="FetchOrchestration"/> over a mocked <see cref="TaskOrchestrationContext"/> whose batch
/// activities complete only when the test says, in the order it chooses.
/// </summary>
public sealed class OrchestrationDriver
{
    private readonly List<(FetchBatch Batch, TaskCompletionSource<BatchOutcome> Completion)> _inFlight = [];

    public OrchestrationDriver(FetchJobInput input)
    {
        Context = new Mock<TaskOrchestrationContext>();
        Context.Setup(c => c.GetInput<FetchJobInput>()).Returns(input);
        Context.SetupGet(c => c.InstanceId).Returns("job-under-test");
        Context.Setup(c => c.CreateReplaySafeLogger(It.IsAny<string>())).Returns(NullLogger.Instance);
        Context.Setup(c => c.SetCustomStatus(It.IsAny<object?>())).Callback<object?>(status => Progress.Add((JobProgress)status!));
        Context
            .Setup(c => c.CallActivityAsync<BatchOutcome>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns<TaskName, object?, TaskOptions?>((name, batchInput, _) =>
            {
                Assert.Equal(FetchJobNames.FetchBatchActivity, name.Name);
                var batch = (FetchBatch)batchInput!;
                var completion = new TaskCompletionSource<BatchOutcome>();
                _inFlight.Add((batch, completion));
                Scheduled.Add(batch);
                PeakInFlight = Math.Max(PeakInFlight, _inFlight.Count);
                return completion.Task;
            });
    }

    public Mock<TaskOrchestrationContext> Context { get; }

    public List<FetchBatch> Scheduled { get; } = [];

    public List<JobProgress> Progress { get; } = [];

    public int PeakInFlight { get; private set; }

    public IReadOnlyList<FetchBatch> InFlight => _inFlight.Select(f => f.Batch).ToList();

    /// <summary>
    /// Runs the orchestration, each time completing the in-flight batch <paramref name="pick"/> chooses
    /// with <paramref name="complete"/>'s outcome. Runs without a synchronization context, so each
    /// completion resumes the orchestrator inline, as the durable dispatcher would.
    /// </summary>
    public Task<JobOutput> RunAsync(Func<IReadOnlyList<FetchBatch>, int> pick, Action<FetchBatch, TaskCompletionSource<BatchOutcome>> complete) =>
        Task.Run(async () =>
        {
            var run = FetchOrchestration.RunAsync(Context.Object);
            while (!run.IsCompleted)
            {
                Assert.NotEmpty(_inFlight);
                var chosen = pick(InFlight);
                var (batch, completion) = _inFlight[chosen];
                _inFlight.RemoveAt(chosen);
                complete(batch, completion);
            }

            return await run;
        });

    /// <summary>An outcome whose results say which batch and position produced them.</summary>
    public static BatchOutcome Succeed(FetchBatch batch) => new(batch.Urls
        .Select((url, i) => new UrlResult(batch.Offset + i, url, url, 200, 5, 10, "hash", "text/plain", 1, Error: null))
        .ToArray());
}
