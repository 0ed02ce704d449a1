using FunctionsFetch.Configuration;
using FunctionsFetch.Jobs;
using FunctionsFetch.Storage;
using FunctionsFetch.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Moq;

namespace FunctionsFetch.Tests.Jobs;

/// <summary>The start that writes a job's manifest owns the job; a start of the same input elsewhere schedules nothing.</summary>
public sealed class JobSchedulerTests
{
    private const string JobId = "nightly";

    private readonly JobStore _store = new(new InMemoryBlobContainer());
    private readonly Mock<DurableTaskClient> _client = new("test");
    private readonly JobRequest _input = new(["https://example.test/a", "https://example.test/b"], new JobSettings());
    private int _scheduled;

    public JobSchedulerTests()
    {
        _client
            .Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .Callback(() => Interlocked.Increment(ref _scheduled))
            .ReturnsAsync(JobId);
    }

    private JobManifest Manifest => new(JobInputHash.Of(_input), _input.Urls.Count, _input.Settings);

    [Fact]
    public async Task ScheduleAsync_NoManifestYet_StoresTheInputAndSchedulesTheJob()
    {
        // Arrange
        var scheduler = new JobScheduler(_store, ActivitySlots.Default, Microsoft.Extensions.Options.Options.Create(new FetchOptions()), TestMetrics.Create());

        // Act
        await scheduler.ScheduleAsync(_client.Object, JobId, _input, Manifest, CancellationToken.None);

        // Assert
        Assert.Equal(1, _scheduled);
        Assert.Equal(_input.Urls, (await _store.ReadInputAsync(JobId, 0, 2, CancellationToken.None)).Select(u => u.Url));
    }

    [Fact]
    public async Task ScheduleAsync_SameInputWhoseOwnerSchedulesIt_SchedulesNothing()
    {
        // Arrange: another process wrote the manifest; its instance shows up on the second look.
        await _store.CreateManifestAsync(JobId, Manifest, CancellationToken.None);
        var looks = 0;
        _client
            .Setup(c => c.GetInstanceAsync(JobId, It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => Interlocked.Increment(ref looks) < 2 ? null : new OrchestrationMetadata(FetchJobNames.Orchestrator, JobId));
        var scheduler = new JobScheduler(_store, ActivitySlots.Default, Microsoft.Extensions.Options.Options.Create(new FetchOptions()), TestMetrics.Create());

        // Act
        await scheduler.ScheduleAsync(_client.Object, JobId, _input, Manifest, CancellationToken.None);

        // Assert
        Assert.Equal(0, _scheduled);
        Assert.Equal(2, looks);
    }

    [Fact]
    public async Task ScheduleAsync_SameInputWhoseOwnerNeverSchedules_TakesOverOnceTheGraceHasPassed()
    {
        // Arrange: a start that wrote the manifest and died before it scheduled the job.
        await _store.CreateManifestAsync(JobId, Manifest, CancellationToken.None);
        _client
            .Setup(c => c.GetInstanceAsync(JobId, It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((OrchestrationMetadata?)null);
        var scheduler = new JobScheduler(_store, ActivitySlots.Default, Microsoft.Extensions.Options.Options.Create(new FetchOptions()), TestMetrics.Create()) { OwnerGrace = TimeSpan.FromMilliseconds(300) };

        // Act
        await scheduler.ScheduleAsync(_client.Object, JobId, _input, Manifest, CancellationToken.None);

        // Assert
        Assert.Equal(1, _scheduled);
        Assert.Equal(_input.Urls, (await _store.ReadInputAsync(JobId, 0, 2, CancellationToken.None)).Select(u => u.Url));
    }

    [Fact]
    public async Task ScheduleAsync_OtherInputUnderTheId_ThrowsJobIdTakenAndSchedulesNothing()
    {
        // Arrange
        await _store.CreateManifestAsync(JobId, new JobManifest("other", 1, new JobSettings()), CancellationToken.None);
        var scheduler = new JobScheduler(_store, ActivitySlots.Default, Microsoft.Extensions.Options.Options.Create(new FetchOptions()), TestMetrics.Create());

        // Act
        var act = () => scheduler.ScheduleAsync(_client.Object, JobId, _input, Manifest, CancellationToken.None);

        // Assert
        await Assert.ThrowsAsync<JobIdTakenException>(act);
        Assert.Equal(0, _scheduled);
        await Assert.ThrowsAsync<InvalidOperationException>(() => _store.ReadInputAsync(JobId, 0, 2, CancellationToken.None));
    }
}
