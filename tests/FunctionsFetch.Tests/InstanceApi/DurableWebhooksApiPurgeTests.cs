using FunctionsFetch.Testing;
using FunctionsFetch.Api;
using System.Text;
using FunctionsFetch.Local.InstanceApi;
using FunctionsFetch.Configuration;
using FunctionsFetch.Jobs;
using FunctionsFetch.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Moq;
using FunctionsFetch.Serialization;

namespace FunctionsFetch.Tests.InstanceApi;

public sealed class DurableWebhooksApiPurgeTests
{
    private readonly Mock<DurableTaskClient> _client = new("test");
    private readonly JobStore _store = new(new InMemoryBlobContainer());

    [Fact]
    public async Task PurgeAsync_JobARetryJobStillReads_Answers409NamingItAndDeletesNothing()
    {
        // Arrange
        await StoredJobAsync("base", retryOf: null);
        await StoredJobAsync("retry-job-7", retryOf: "base");
        Exists("base");
        Exists("retry-job-7");
        var api = new DurableWebhooksApi(_client.Object, _store);

        // Act
        var result = await ExecutedResult.ExecuteAsync(await api.PurgeAsync("base", CancellationToken.None));

        // Assert
        Assert.Equal(StatusCodes.Status409Conflict, (int)result.StatusCode);
        Assert.Contains("retry-job-7", result.Text, StringComparison.Ordinal);
        Assert.NotNull(await _store.ReadManifestAsync("base", CancellationToken.None));
        _client.Verify(c => c.PurgeInstanceAsync(It.IsAny<string>(), It.IsAny<PurgeInstanceOptions?>(), It.IsAny<CancellationToken>()), Times.Never);
        _client.Verify(c => c.PurgeInstanceAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task PurgeAsync_RetryJobPurgedFirst_ThenTheJobItRetriedPurges()
    {
        // Arrange
        await StoredJobAsync("base", retryOf: null);
        await StoredJobAsync("retry-job-7", retryOf: "base");
        Exists("base");
        Exists("retry-job-7");
        var api = new DurableWebhooksApi(_client.Object, _store);

        // Act
        var retryPurge = await ExecutedResult.ExecuteAsync(await api.PurgeAsync("retry-job-7", CancellationToken.None));
        var basePurge = await ExecutedResult.ExecuteAsync(await api.PurgeAsync("base", CancellationToken.None));

        // Assert
        Assert.Equal(StatusCodes.Status200OK, (int)retryPurge.StatusCode);
        Assert.Equal(StatusCodes.Status200OK, (int)basePurge.StatusCode);
        Assert.Null(await _store.ReadManifestAsync("base", CancellationToken.None));
    }

    [Fact]
    public async Task RestartAsync_SameIdWhileARetryJobReadsIt_Answers409NamingItAndClearsNothing()
    {
        // Arrange
        await StoredJobAsync("base", retryOf: null);
        await StoredJobAsync("retry-job-7", retryOf: "base");
        await _store.WriteBatchAsync("base", 0, 0, [FunctionsFetch.Fetching.UrlResult.NotFetched(0, "https://e.test/a", FunctionsFetch.Fetching.FetchErrorKind.Timeout, "slow")], CancellationToken.None);
        Exists("retry-job-7");
        _client
            .Setup(c => c.GetInstanceAsync("base", It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OrchestrationMetadata(FetchJobNames.Orchestrator, "base")
            {
                RuntimeStatus = OrchestrationRuntimeStatus.Completed,
                SerializedInput = FetchJson.DataConverter.Serialize(new FetchJobInput(1, new JobSettings { BatchSize = 1, BatchParallelism = 1, MaxParallelBatches = 1 })),
                DataConverter = FetchJson.DataConverter,
            });
        var api = new DurableWebhooksApi(_client.Object, _store);

        // Act
        var result = await ExecutedResult.ExecuteAsync(await api.RestartAsync(
            "base", name => name == "restartWithNewInstanceId" ? "false" : null, new Uri("http://localhost:7071"), null, CancellationToken.None));

        // Assert
        Assert.Equal(StatusCodes.Status409Conflict, (int)result.StatusCode);
        Assert.Contains("retry-job-7", result.Text, StringComparison.Ordinal);
        Assert.Single(await _store.ListResultFilesAsync("base", CancellationToken.None));
        _client.Verify(c => c.PurgeInstanceAsync(It.IsAny<string>(), It.IsAny<PurgeInstanceOptions?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task TerminateAsync_RunningJob_MarksItCanceled()
    {
        // Arrange
        Exists("job-1", OrchestrationRuntimeStatus.Running);
        var api = new DurableWebhooksApi(_client.Object, _store);

        // Act
        var result = await ExecutedResult.ExecuteAsync(await api.TerminateAsync("job-1", "enough", CancellationToken.None));

        // Assert
        Assert.Equal(StatusCodes.Status202Accepted, (int)result.StatusCode);
        Assert.True(await _store.IsCancelMarkedAsync("job-1", CancellationToken.None));
    }

    private async Task StoredJobAsync(string id, string? retryOf)
    {
        await _store.WriteManifestAsync(id, new JobManifest("h", 1, new JobSettings(), retryOf, BaseTotal: retryOf is null ? 0 : 1, BaseFailed: retryOf is null ? 0 : 1), CancellationToken.None);
        if (retryOf is not null)
        {
            await _store.AddDependentAsync(retryOf, id, CancellationToken.None);
        }
    }

    private void Exists(string id, OrchestrationRuntimeStatus status = OrchestrationRuntimeStatus.Completed)
    {
        _client
            .Setup(c => c.GetInstanceAsync(id, It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OrchestrationMetadata(FetchJobNames.Orchestrator, id) { RuntimeStatus = status, DataConverter = FetchJson.DataConverter });
        _client
            .Setup(c => c.PurgeInstanceAsync(id, It.IsAny<PurgeInstanceOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new PurgeResult(1));
        _client
            .Setup(c => c.PurgeInstanceAsync(id, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new PurgeResult(1));
    }

}
