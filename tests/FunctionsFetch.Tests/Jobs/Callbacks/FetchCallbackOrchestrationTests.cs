using FunctionsFetch.Jobs;
using FunctionsFetch.Jobs.Callbacks;
using FunctionsFetch.Storage;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace FunctionsFetch.Tests.Jobs.Callbacks;

public sealed class FetchCallbackOrchestrationTests
{
    private const string JobId = "job-1";

    private static readonly DateTime Start = new(2026, 12, 6, 7, 0, 0, DateTimeKind.Utc);

    private static readonly Guid DrawnGuid = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

    private readonly Mock<TaskOrchestrationContext> _context = new();
    private readonly Queue<JobEndState> _probes = new();
    private readonly Queue<Func<CallbackAttempt, Task<CallbackOutcome>>> _posts = new();
    private readonly TaskCompletionSource<bool> _told = new();
    private DateTime _now = Start;

    public FetchCallbackOrchestrationTests()
    {
        _context.SetupGet(c => c.InstanceId).Returns(FetchJobNames.CallbackInstanceId(JobId));
        _context.Setup(c => c.CreateReplaySafeLogger(It.IsAny<string>())).Returns(NullLogger.Instance);
        _context.Setup(c => c.NewGuid()).Returns(DrawnGuid);
        _context.SetupGet(c => c.CurrentUtcDateTime).Returns(() => _now);
        _context.Setup(c => c.WaitForExternalEvent<bool>(FetchJobNames.JobEndedEvent, It.IsAny<CancellationToken>())).Returns(_told.Task);

        // A timer fires at once, moving the orchestration's clock to it.
        _context
            .Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Returns<DateTime, CancellationToken>((fireAt, _) =>
            {
                Timers.Add(fireAt - _now);
                _now = fireAt;
                return Task.CompletedTask;
            });
        _context
            .Setup(c => c.CallActivityAsync<JobEndState>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns<TaskName, object?, TaskOptions?>((name, input, _) =>
            {
                Assert.Equal((FetchJobNames.ProbeJobStatusActivity, JobId), (name.Name, (string)input!));
                return Task.FromResult(_probes.Count > 0 ? _probes.Dequeue() : JobEndState.Running);
            });
        _context
            .Setup(c => c.CallActivityAsync<CallbackOutcome>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns<TaskName, object?, TaskOptions?>((name, input, _) =>
            {
                Assert.Equal(FetchJobNames.DeliverCallbackActivity, name.Name);
                var attempt = (CallbackAttempt)input!;
                Attempts.Add(attempt);
                return _posts.Count > 0 ? _posts.Dequeue()(attempt) : Task.FromResult(new CallbackOutcome(true, 200, attempt.Number));
            });
        _context
            .Setup(c => c.ContinueAsNew(It.IsAny<object?>(), It.IsAny<bool>()))
            .Callback<object?, bool>((next, preserve) => ContinuedWith = ((FetchCallbackInput)next!, preserve));
    }

    private List<TimeSpan> Timers { get; } = [];

    private List<CallbackAttempt> Attempts { get; } = [];

    private (FetchCallbackInput Input, bool PreserveEvents)? ContinuedWith { get; set; }

    [Fact]
    public async Task RunAsync_JobEndsAfterThreePolls_PollsWithGrowingTimersThenPostsOnce()
    {
        // Arrange
        Input(maxAttempts: 5);
        _probes.Enqueue(JobEndState.Running);
        _probes.Enqueue(JobEndState.Running);
        _probes.Enqueue(JobEndState.Running);
        _probes.Enqueue(new JobEndState(Ended: true, Terminated: false, Start));

        // Act
        var outcome = await RunAsync();

        // Assert
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3)], Timers);
        Assert.Equal([new CallbackAttempt(JobId, DrawnGuid.ToString("N"), 1)], Attempts);
        Assert.Equal(new CallbackOutcome(true, 200, 1), outcome);
    }

    [Fact]
    public async Task RunAsync_EveryPostFails_TriesUpToTheMaxWithDoublingWaitsAndOneDeliveryId()
    {
        // Arrange
        Input(maxAttempts: 4);
        _probes.Enqueue(new JobEndState(Ended: true, Terminated: false, Start));
        for (var i = 0; i < 4; i++)
        {
            _posts.Enqueue(attempt => Task.FromResult(new CallbackOutcome(false, 500, attempt.Number)));
        }

        // Act
        var outcome = await RunAsync();

        // Assert
        Assert.Equal([1, 2, 3, 4], Attempts.Select(a => a.Number));
        Assert.Single(Attempts.Select(a => a.DeliveryId).Distinct());
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)], Timers);
        Assert.Equal(new CallbackOutcome(false, 500, 4), outcome);
    }

    [Fact]
    public async Task RunAsync_SecondPostAnswered2xx_StopsThere()
    {
        // Arrange
        Input(maxAttempts: 5);
        _probes.Enqueue(new JobEndState(Ended: true, Terminated: false, Start));
        _posts.Enqueue(attempt => Task.FromResult(new CallbackOutcome(false, null, attempt.Number)));
        _posts.Enqueue(attempt => Task.FromResult(new CallbackOutcome(true, 204, attempt.Number)));

        // Act
        var outcome = await RunAsync();

        // Assert
        Assert.Equal([1, 2], Attempts.Select(a => a.Number));
        Assert.Equal([TimeSpan.FromSeconds(2)], Timers);
        Assert.Equal(new CallbackOutcome(true, 204, 2), outcome);
    }

    [Fact]
    public async Task RunAsync_DeliveryActivityFails_CountsAsAnAttemptNotDelivered()
    {
        // Arrange
        Input(maxAttempts: 2);
        _probes.Enqueue(new JobEndState(Ended: true, Terminated: false, Start));
        _posts.Enqueue(_ => Task.FromException<CallbackOutcome>(
            new TaskFailedException(FetchJobNames.DeliverCallbackActivity, 1, new TaskFailureDetails("Azure.RequestFailedException", "storage away", null, null, null))));

        // Act
        var outcome = await RunAsync();

        // Assert
        Assert.Equal([1, 2], Attempts.Select(a => a.Number));
        Assert.Equal(new CallbackOutcome(true, 200, 2), outcome);
    }

    [Fact]
    public async Task RunAsync_JobTellsItEnded_StopsWaitingForThePollTimerAndLooksAgain()
    {
        // Arrange: the poll timer never fires by itself here.
        Input(maxAttempts: 5);
        _probes.Enqueue(JobEndState.Running);
        _probes.Enqueue(new JobEndState(Ended: true, Terminated: false, Start));
        var pollToken = CancellationToken.None;
        _context
            .Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Returns<DateTime, CancellationToken>((_, token) =>
            {
                pollToken = token;
                return new TaskCompletionSource().Task;
            });

        // Act
        var run = Task.Run(RunAsync);
        await FunctionsFetch.Testing.Eventually.HoldsAsync(() => pollToken.CanBeCanceled);
        _told.SetResult(true);
        var outcome = await run;

        // Assert
        Assert.True(pollToken.IsCancellationRequested);
        Assert.Equal(new CallbackOutcome(true, 200, 1), outcome);
    }

    [Fact]
    public async Task RunAsync_JobTerminated_WaitsForTheSettleAfterTheTerminateBeforePosting()
    {
        // Arrange
        Input(maxAttempts: 5);
        _probes.Enqueue(new JobEndState(Ended: true, Terminated: true, Start.AddSeconds(-5)));

        // Act
        await RunAsync();

        // Assert
        Assert.Equal([JobStatusCounts.TerminatedSettle - TimeSpan.FromSeconds(5)], Timers);
        Assert.Single(Attempts);
    }

    [Fact]
    public async Task RunAsync_JobStillRunningAfterAGenerationOfPolls_ContinuesAsNewKeepingTheDeliveryIdAndEvents()
    {
        // Arrange
        Input(maxAttempts: 5);

        // Act
        var outcome = await RunAsync();

        // Assert
        Assert.Null(outcome);
        Assert.Empty(Attempts);
        Assert.Equal(FetchCallbackOrchestration.PollsPerGeneration - 1, Timers.Count);
        Assert.Equal(TimeSpan.FromSeconds(10), Timers.Max());
        Assert.Equal((new FetchCallbackInput(JobId, 5, DrawnGuid.ToString("N")), true), ContinuedWith);
    }

    [Fact]
    public async Task RunAsync_NextGeneration_PostsWithTheDeliveryIdItWasGiven()
    {
        // Arrange
        Input(maxAttempts: 5, deliveryId: "carried-over");
        _probes.Enqueue(new JobEndState(Ended: true, Terminated: false, Start));

        // Act
        await RunAsync();

        // Assert
        Assert.Equal("carried-over", Assert.Single(Attempts).DeliveryId);
        _context.Verify(c => c.NewGuid(), Times.Never);
    }

    private void Input(int maxAttempts, string? deliveryId = null) =>
        _context.Setup(c => c.GetInput<FetchCallbackInput>()).Returns(new FetchCallbackInput(JobId, maxAttempts, deliveryId));

    /// <summary>Without a synchronization context, so each completion resumes the orchestrator inline, as the durable dispatcher would.</summary>
    private Task<CallbackOutcome?> RunAsync() => Task.Run(() => FetchCallbackOrchestration.RunAsync(_context.Object));
}
