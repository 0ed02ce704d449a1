using FunctionsFetch.Storage;
using System.Net.Sockets;
using Azure;
using DurableTask.Core;
using DurableTask.Core.History;
using FunctionsFetch.Local.Engine;
using FunctionsFetch.Local.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace FunctionsFetch.Tests.Engine;

public sealed class SidecarOrchestrationServiceTests
{
    // Fast enough for tests, in the same shape as the real 1 s doubling to 5 s.
    private static readonly Backoff FastBackoff = new(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5));

    private readonly Mock<IOrchestrationService> _inner = new(MockBehavior.Strict);
    private readonly List<string> _forgotten = [];

    [Fact]
    public async Task CompleteTaskActivityWorkItemAsync_StorageUnavailableThenBack_RetriesUntilCompleted()
    {
        // Arrange
        var workItem = ActivityWorkItem();
        _inner.SetupSequence(s => s.CompleteTaskActivityWorkItemAsync(workItem, It.IsAny<TaskMessage>()))
            .ThrowsAsync(Unavailable())
            .ThrowsAsync(Unavailable())
            .Returns(Task.CompletedTask);
        await using var service = CreateService();

        // Act
        await service.CompleteTaskActivityWorkItemAsync(workItem, new TaskMessage());

        // Assert
        _inner.Verify(s => s.CompleteTaskActivityWorkItemAsync(workItem, It.IsAny<TaskMessage>()), Times.Exactly(3));
        Assert.Empty(_forgotten);
    }

    [Fact]
    public async Task CompleteTaskActivityWorkItemAsync_PopReceiptMismatch_StopsAndDropsTheSession()
    {
        // Arrange: the provider wraps the SDK's exception in its own.
        var workItem = ActivityWorkItem();
        _inner.Setup(s => s.CompleteTaskActivityWorkItemAsync(workItem, It.IsAny<TaskMessage>()))
            .ThrowsAsync(new InvalidOperationException("An error occurred while communicating with Azure Storage", new RequestFailedException(400, "The specified message does not exist.", "PopReceiptMismatch", null)));
        await using var service = CreateService();

        // Act
        await service.CompleteTaskActivityWorkItemAsync(workItem, new TaskMessage());

        // Assert
        _inner.Verify(s => s.CompleteTaskActivityWorkItemAsync(workItem, It.IsAny<TaskMessage>()), Times.Once());
        Assert.Equal([workItem.Id], _forgotten);
    }

    [Fact]
    public async Task AbandonTaskActivityWorkItemAsync_StorageUnavailableThenBack_RetriesUntilAbandoned()
    {
        // Arrange
        var workItem = ActivityWorkItem();
        _inner.SetupSequence(s => s.AbandonTaskActivityWorkItemAsync(workItem))
            .ThrowsAsync(Unavailable())
            .Returns(Task.CompletedTask);
        await using var service = CreateService();

        // Act
        await service.AbandonTaskActivityWorkItemAsync(workItem);

        // Assert
        _inner.Verify(s => s.AbandonTaskActivityWorkItemAsync(workItem), Times.Exactly(2));
        Assert.Empty(_forgotten);
    }

    [Fact]
    public async Task AbandonTaskActivityWorkItemAsync_MessageNotFound_StopsAndDropsTheSession()
    {
        // Arrange
        var workItem = ActivityWorkItem();
        _inner.Setup(s => s.AbandonTaskActivityWorkItemAsync(workItem))
            .ThrowsAsync(new RequestFailedException(404, "The specified message does not exist.", "MessageNotFound", null));
        await using var service = CreateService();

        // Act
        await service.AbandonTaskActivityWorkItemAsync(workItem);

        // Assert
        _inner.Verify(s => s.AbandonTaskActivityWorkItemAsync(workItem), Times.Once());
        Assert.Equal([workItem.Id], _forgotten);
    }

    [Fact]
    public async Task CompleteTaskActivityWorkItemAsync_NotAStorageOutage_ThrowsWithoutRetrying()
    {
        // Arrange
        var workItem = ActivityWorkItem();
        _inner.Setup(s => s.CompleteTaskActivityWorkItemAsync(workItem, It.IsAny<TaskMessage>())).ThrowsAsync(new InvalidOperationException("a bug"));
        await using var service = CreateService();

        // Act
        var thrown = await Record.ExceptionAsync(() => service.CompleteTaskActivityWorkItemAsync(workItem, new TaskMessage()));

        // Assert
        Assert.IsType<InvalidOperationException>(thrown);
        _inner.Verify(s => s.CompleteTaskActivityWorkItemAsync(workItem, It.IsAny<TaskMessage>()), Times.Once());
    }

    [Fact]
    public async Task CompleteTaskActivityWorkItemAsync_EngineStopsWhileStorageIsDown_StopsRetrying()
    {
        // Arrange
        var workItem = ActivityWorkItem();
        var calls = 0;
        _inner.Setup(s => s.CompleteTaskActivityWorkItemAsync(workItem, It.IsAny<TaskMessage>()))
            .Returns(() =>
            {
                Interlocked.Increment(ref calls);
                return Task.FromException(Unavailable());
            });
        _inner.Setup(s => s.StopAsync()).Returns(Task.CompletedTask);
        await using var service = CreateService();
        var completing = service.CompleteTaskActivityWorkItemAsync(workItem, new TaskMessage());
        while (Volatile.Read(ref calls) < 3)
        {
            await Task.Delay(1);
        }

        // Act
        await service.StopAsync();
        var thrown = await Record.ExceptionAsync(() => completing);

        // Assert: the message is delivered again once the host runs again.
        Assert.True(thrown is OperationCanceledException || (thrown is not null && StorageErrors.IsUnavailable(thrown)), $"{thrown}");
        Assert.Empty(_forgotten);
    }

    [Fact]
    public async Task LockNextTaskActivityWorkItem_RenewalFailsWhileStorageIsDown_KeepsRenewingUntilCompleted()
    {
        // Arrange: renewals due every 20 ms; the first two fail as in an outage.
        var workItem = ActivityWorkItem();
        var renewals = 0;
        var renewedAfterOutage = new TaskCompletionSource();
        _inner.Setup(s => s.LockNextTaskActivityWorkItem(It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>())).ReturnsAsync(workItem);
        _inner.Setup(s => s.RenewTaskActivityWorkItemLockAsync(workItem)).Returns(() =>
        {
            var renewal = Interlocked.Increment(ref renewals);
            if (renewal <= 2)
            {
                return Task.FromException<TaskActivityWorkItem>(Unavailable());
            }

            renewedAfterOutage.TrySetResult();
            return Task.FromResult(workItem);
        });
        _inner.Setup(s => s.CompleteTaskActivityWorkItemAsync(workItem, It.IsAny<TaskMessage>())).Returns(Task.CompletedTask);
        await using var service = CreateService(renewInterval: TimeSpan.FromMilliseconds(20));

        // Act
        await service.LockNextTaskActivityWorkItem(TimeSpan.FromSeconds(1), CancellationToken.None);
        await renewedAfterOutage.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var renewingBeforeCompletion = service.RenewingCount;
        await service.CompleteTaskActivityWorkItemAsync(workItem, new TaskMessage());

        // Assert
        Assert.Equal(1, renewingBeforeCompletion);
        Assert.Equal(0, service.RenewingCount);
        Assert.True(Volatile.Read(ref renewals) >= 3);
    }

    [Fact]
    public async Task LockNextTaskActivityWorkItem_RenewalFindsTheMessageGone_StopsRenewing()
    {
        // Arrange
        var workItem = ActivityWorkItem();
        var renewed = new TaskCompletionSource();
        _inner.Setup(s => s.LockNextTaskActivityWorkItem(It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>())).ReturnsAsync(workItem);
        _inner.Setup(s => s.RenewTaskActivityWorkItemLockAsync(workItem)).Returns(() =>
        {
            renewed.TrySetResult();
            return Task.FromException<TaskActivityWorkItem>(new RequestFailedException(400, "pop receipt", "PopReceiptMismatch", null));
        });
        await using var service = CreateService(renewInterval: TimeSpan.FromMilliseconds(5));

        // Act: time for several more renewals, were any attempted.
        await service.LockNextTaskActivityWorkItem(TimeSpan.FromSeconds(1), CancellationToken.None);
        await renewed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(TimeSpan.FromMilliseconds(200));

        // Assert
        _inner.Verify(s => s.RenewTaskActivityWorkItemLockAsync(workItem), Times.Once());
    }

    [Fact]
    public async Task LockNextTaskActivityWorkItem_SameTaskDeliveredAgainWhileRunning_PutsTheSecondBackUntilTheFirstIsDone()
    {
        // Arrange: task 5 of job1 delivered twice (as after a replay), then another task, then task 5 again.
        var first = ActivityWorkItem("job1", taskId: 5);
        var second = ActivityWorkItem("job1", taskId: 5);
        var other = ActivityWorkItem("job1", taskId: 6);
        var third = ActivityWorkItem("job1", taskId: 5);
        _inner.SetupSequence(s => s.LockNextTaskActivityWorkItem(It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(first)
            .ReturnsAsync(second)
            .ReturnsAsync(other)
            .ReturnsAsync(third);
        _inner.Setup(s => s.AbandonTaskActivityWorkItemAsync(second)).Returns(Task.CompletedTask);
        _inner.Setup(s => s.CompleteTaskActivityWorkItemAsync(first, It.IsAny<TaskMessage>())).Returns(Task.CompletedTask);
        await using var service = CreateService();

        // Act
        var locked = new List<TaskActivityWorkItem>
        {
            await service.LockNextTaskActivityWorkItem(TimeSpan.FromSeconds(1), CancellationToken.None),
            await service.LockNextTaskActivityWorkItem(TimeSpan.FromSeconds(1), CancellationToken.None),
        };
        await service.CompleteTaskActivityWorkItemAsync(first, new TaskMessage());
        locked.Add(await service.LockNextTaskActivityWorkItem(TimeSpan.FromSeconds(1), CancellationToken.None));

        // Assert
        Assert.Equal([first, other, third], locked);
        _inner.Verify(s => s.AbandonTaskActivityWorkItemAsync(second), Times.Once());
    }

    [Fact]
    public async Task StopTakingActivities_WithOneInHand_TakesNoMoreAndIsSettledOnceItCompletes()
    {
        // Arrange: one activity taken; the strict mock fails any further take.
        var workItem = ActivityWorkItem();
        _inner.Setup(s => s.LockNextTaskActivityWorkItem(It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>())).ReturnsAsync(workItem);
        _inner.Setup(s => s.CompleteTaskActivityWorkItemAsync(workItem, It.IsAny<TaskMessage>())).Returns(Task.CompletedTask);
        await using var service = CreateService();
        await service.LockNextTaskActivityWorkItem(TimeSpan.FromSeconds(1), CancellationToken.None);

        // Act
        service.StopTakingActivities();
        var takenWhileStopping = await service.LockNextTaskActivityWorkItem(TimeSpan.FromMilliseconds(10), CancellationToken.None);
        var inHandBefore = service.ActivitiesInHand;
        using var notYet = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var settledBefore = await service.WaitForActivitiesSettledAsync(notYet.Token);
        await service.CompleteTaskActivityWorkItemAsync(workItem, new TaskMessage());
        var settledAfter = await service.WaitForActivitiesSettledAsync(CancellationToken.None);

        // Assert
        Assert.Null(takenWhileStopping);
        Assert.Equal(1, inHandBefore);
        Assert.False(settledBefore);
        Assert.True(settledAfter);
        Assert.Equal(0, service.ActivitiesInHand);
        _inner.Verify(s => s.LockNextTaskActivityWorkItem(It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()), Times.Once());
    }

    [Fact]
    public async Task HandBackReadyOrchestrationsAsync_TwoReadyThenNone_AbandonsAndReleasesBothAndStopsOnceQuiet()
    {
        // Arrange: the provider has two orchestration work items ready (outcomes just fetched), then nothing.
        var first = new TaskOrchestrationWorkItem { InstanceId = "job1" };
        var second = new TaskOrchestrationWorkItem { InstanceId = "job2" };
        var ready = new Queue<TaskOrchestrationWorkItem>([first, second]);
        _inner.Setup(s => s.LockNextTaskOrchestrationWorkItemAsync(It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()))
            .Returns(async (TimeSpan _, CancellationToken cancellation) =>
            {
                if (ready.TryDequeue(out var workItem))
                {
                    return workItem;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(10), cancellation);
                return null!;
            });
        foreach (var workItem in new[] { first, second })
        {
            _inner.Setup(s => s.AbandonTaskOrchestrationWorkItemAsync(workItem)).Returns(Task.CompletedTask);
            _inner.Setup(s => s.ReleaseTaskOrchestrationWorkItemAsync(workItem)).Returns(Task.CompletedTask);
        }

        await using var service = CreateService();

        // Act
        var handedBack = await service.HandBackReadyOrchestrationsAsync(TimeSpan.FromMilliseconds(100), CancellationToken.None);

        // Assert
        Assert.Equal(2, handedBack);
        foreach (var workItem in new[] { first, second })
        {
            _inner.Verify(s => s.AbandonTaskOrchestrationWorkItemAsync(workItem), Times.Once());
            _inner.Verify(s => s.ReleaseTaskOrchestrationWorkItemAsync(workItem), Times.Once());
        }
    }

    [Fact]
    public async Task AbandonTaskOrchestrationWorkItemAsync_StorageUnavailableThenBack_RetriesUntilAbandoned()
    {
        // Arrange
        var workItem = new TaskOrchestrationWorkItem { InstanceId = "job1" };
        _inner.SetupSequence(s => s.AbandonTaskOrchestrationWorkItemAsync(workItem))
            .ThrowsAsync(Unavailable())
            .ThrowsAsync(Unavailable())
            .Returns(Task.CompletedTask);
        await using var service = CreateService();

        // Act
        await service.AbandonTaskOrchestrationWorkItemAsync(workItem);

        // Assert
        _inner.Verify(s => s.AbandonTaskOrchestrationWorkItemAsync(workItem), Times.Exactly(3));
    }

    [Fact]
    public async Task GetDelayInSecondsAfterOnFetchException_ConsecutiveFailures_BacksOffInMillisecondsUpToFiveSeconds()
    {
        // Arrange: the real backoff; the sidecar reads the value as milliseconds.
        _inner.Setup(s => s.LockNextTaskOrchestrationWorkItemAsync(It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>())).ReturnsAsync(new TaskOrchestrationWorkItem());
        await using var service = new SidecarOrchestrationService(_inner.Object, 1, 1, TimeSpan.FromSeconds(10), NullLogger<SidecarOrchestrationService>.Instance);

        // Act
        var delays = Enumerable.Range(0, 5).Select(_ => service.GetDelayInSecondsAfterOnFetchException(Unavailable())).ToArray();
        await service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
        var afterAFetch = service.GetDelayInSecondsAfterOnFetchException(Unavailable());

        // Assert
        Assert.Equal([1000, 2000, 4000, 5000, 5000], delays);
        Assert.Equal(1000, afterAFetch);
    }

    private SidecarOrchestrationService CreateService(TimeSpan? renewInterval = null) => new(
        _inner.Object,
        maxConcurrentActivities: 1,
        maxConcurrentOrchestrations: 1,
        renewInterval ?? TimeSpan.FromMinutes(1),
        NullLogger<SidecarOrchestrationService>.Instance,
        FastBackoff,
        id =>
        {
            lock (_forgotten)
            {
                _forgotten.Add(id);
            }

            return true;
        });

    private static TaskActivityWorkItem ActivityWorkItem(string instanceId = "job1", int taskId = 1) => new()
    {
        Id = Guid.NewGuid().ToString(),
        LockedUntilUtc = DateTime.UtcNow.AddMinutes(1),
        TaskMessage = new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = "e1" },
            Event = new TaskScheduledEvent(taskId, "FetchBatch"),
        },
    };

    /// <summary>What the Azure SDK throws once its own retries against a stopped Azurite are used up.</summary>
    private static AggregateException Unavailable() => new(
        "Retry failed after 6 tries.",
        new RequestFailedException(0, "Connection refused (127.0.0.1:10001)", null, new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused))));
}
