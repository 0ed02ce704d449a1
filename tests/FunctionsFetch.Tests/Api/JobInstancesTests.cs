using FunctionsFetch.Api;
using FunctionsFetch.Jobs;
using Microsoft.DurableTask.Client;
using Moq;

namespace FunctionsFetch.Tests.Api;

public sealed class JobInstancesTests
{
    private const string SegmentId = "job-1:segment:0001";

    [Fact]
    public async Task ReadProgressAsync_JobRunsASegment_ReturnsTheSegmentsNewerProgress()
    {
        // Arrange
        var client = new Mock<DurableTaskClient>("test");
        var job = Metadata("job-1", OrchestrationRuntimeStatus.Running, new JobProgress(2000, 1000, 4, SegmentId));
        client.Setup(c => c.GetInstanceAsync(SegmentId, true, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Metadata(SegmentId, OrchestrationRuntimeStatus.Running, new JobProgress(2000, 1400, 9)));

        // Act
        var progress = await JobInstances.ReadProgressAsync(client.Object, job, CancellationToken.None);

        // Assert
        Assert.Equal(new JobProgress(2000, 1400, 9, SegmentId), progress);
    }

    [Fact]
    public async Task ReadProgressAsync_SegmentNotYetVisible_ReturnsTheJobsOwnProgress()
    {
        // Arrange
        var client = new Mock<DurableTaskClient>("test");
        var job = Metadata("job-1", OrchestrationRuntimeStatus.Running, new JobProgress(2000, 1000, 4, SegmentId));

        // Act
        var progress = await JobInstances.ReadProgressAsync(client.Object, job, CancellationToken.None);

        // Assert
        Assert.Equal(new JobProgress(2000, 1000, 4, SegmentId), progress);
    }

    [Fact]
    public async Task TerminateAsync_JobRunsASegment_TerminatesBoth()
    {
        // Arrange
        var client = new Mock<DurableTaskClient>("test");
        var job = Metadata("job-1", OrchestrationRuntimeStatus.Running, new JobProgress(2000, 1000, 4, SegmentId));
        client.Setup(c => c.GetInstanceAsync(SegmentId, false, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Metadata(SegmentId, OrchestrationRuntimeStatus.Running, new JobProgress(2000, 1200, 4)));
        client.Setup(c => c.WaitForInstanceCompletionAsync("job-1", true, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Metadata("job-1", OrchestrationRuntimeStatus.Terminated, new JobProgress(2000, 1000, 4, SegmentId)));

        // Act
        await JobInstances.TerminateAsync(client.Object, job, "stop", CancellationToken.None);

        // Assert
        client.Verify(c => c.TerminateInstanceAsync("job-1", "stop", It.IsAny<CancellationToken>()), Times.Once);
        client.Verify(c => c.TerminateInstanceAsync(SegmentId, "stop", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task TerminateAsync_JobStartedTheNextSegmentWhileStopping_TerminatesThatOneToo()
    {
        // Arrange
        var client = new Mock<DurableTaskClient>("test");
        const string next = "job-1:segment:0002";
        var job = Metadata("job-1", OrchestrationRuntimeStatus.Running, new JobProgress(3000, 1000, 4, SegmentId));
        client.Setup(c => c.GetInstanceAsync(It.IsAny<string>(), false, It.IsAny<CancellationToken>()))
            .ReturnsAsync((string id, bool _, CancellationToken _) => Metadata(id, id == SegmentId ? OrchestrationRuntimeStatus.Completed : OrchestrationRuntimeStatus.Running, null));
        client.Setup(c => c.WaitForInstanceCompletionAsync("job-1", true, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Metadata("job-1", OrchestrationRuntimeStatus.Terminated, new JobProgress(3000, 2000, 4, next)));

        // Act
        await JobInstances.TerminateAsync(client.Object, job, "stop", CancellationToken.None);

        // Assert: the finished segment is left alone; the one started meanwhile is stopped.
        client.Verify(c => c.TerminateInstanceAsync(SegmentId, It.IsAny<object?>(), It.IsAny<CancellationToken>()), Times.Never);
        client.Verify(c => c.TerminateInstanceAsync(next, "stop", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task PurgeSegmentsAsync_TwoSegments_PurgesBothAndStopsAtTheFirstMissing()
    {
        // Arrange
        var client = new Mock<DurableTaskClient>("test");
        client.Setup(c => c.PurgeInstanceAsync(It.IsAny<string>(), It.IsAny<PurgeInstanceOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string id, PurgeInstanceOptions? _, CancellationToken _) => new PurgeResult(id.EndsWith("0002", StringComparison.Ordinal) ? 0 : 1));

        // Act
        var purged = await JobInstances.PurgeSegmentsAsync(client.Object, "job-1", CancellationToken.None);

        // Assert
        Assert.Equal(2, purged);
        client.Verify(c => c.PurgeInstanceAsync(It.IsAny<string>(), It.IsAny<PurgeInstanceOptions?>(), It.IsAny<CancellationToken>()), Times.Exactly(3));
    }

    private static OrchestrationMetadata Metadata(string id, OrchestrationRuntimeStatus status, JobProgress? progress) =>
        new(FetchJobNames.Orchestrator, id)
        {
            RuntimeStatus = status,
            SerializedCustomStatus = progress is null ? null : DurableJson.Converter.Serialize(progress),
            DataConverter = DurableJson.Converter,
        };
}
