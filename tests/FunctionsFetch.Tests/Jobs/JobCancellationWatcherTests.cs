using FunctionsFetch.Jobs;
using FunctionsFetch.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace FunctionsFetch.Tests.Jobs;

public sealed class JobCancellationWatcherTests
{
    private readonly JobStore _store = new(new InMemoryBlobContainer());

    [Fact]
    public async Task WatchAsync_JobMarkedWhileTwoBatchesWatch_CancelsBothWithinAPoll()
    {
        // Arrange
        var watcher = new JobCancellationWatcher(_store, NullLogger<JobCancellationWatcher>.Instance);
        using var first = await watcher.WatchAsync("job-1", probe: null, CancellationToken.None);
        using var second = await watcher.WatchAsync("job-1", probe: null, CancellationToken.None);

        // Act
        await _store.WriteCancelMarkAsync("job-1", CancellationToken.None);
        var fired = await Task.WhenAll(FiresAsync(first), FiresAsync(second));

        // Assert
        Assert.Equal([true, true], fired);
    }

    [Fact]
    public async Task WatchAsync_JobAlreadyEnded_TheLeaseSaysSoAtOnce()
    {
        // Arrange
        var probe = new Mock<IJobStateProbe>();
        probe.Setup(p => p.HasEndedAsync("job-1", It.IsAny<CancellationToken>())).ReturnsAsync(true);
        var watcher = new JobCancellationWatcher(_store, NullLogger<JobCancellationWatcher>.Instance);

        // Act
        using var lease = await watcher.WatchAsync("job-1", probe.Object, CancellationToken.None);

        // Assert
        Assert.True(lease.JobEnded);
    }

    [Fact]
    public async Task WatchAsync_OtherJobMarked_DoesNotCancel()
    {
        // Arrange
        var watcher = new JobCancellationWatcher(_store, NullLogger<JobCancellationWatcher>.Instance);
        using var lease = await watcher.WatchAsync("job-1", probe: null, CancellationToken.None);

        // Act
        await _store.WriteCancelMarkAsync("job-2", CancellationToken.None);
        var fired = await FiresAsync(lease, within: JobCancellationWatcher.PollInterval * 3);

        // Assert
        Assert.False(fired);
    }

    private static async Task<bool> FiresAsync(JobWatchLease lease, TimeSpan? within = null)
    {
        try
        {
            await Task.Delay(within ?? TimeSpan.FromSeconds(10), lease.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }
}
