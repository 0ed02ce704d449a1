using FunctionsFetch.Jobs;
using System.Net;
using FunctionsFetch.Configuration;
using FunctionsFetch.Fetching;
using FunctionsFetch.Storage;
using FunctionsFetch.Testing;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Tests.Api;

public sealed class RetryFailedHandlerTests
{
    [Fact]
    public async Task HandleAsync_EndedJobWithFailures_StartsAJobOfTheFailedUrlsWithTheirIndexes()
    {
        // Arrange
        var harness = new ApiHarness();
        var settings = new JobSettings { BatchSize = 7 };
        await harness.Store.WriteManifestAsync("job-1", new JobManifest("h", 4, settings), CancellationToken.None);
        await harness.Store.WriteBatchAsync("job-1", 0, 0,
        [
            new(0, "https://e.test/0", "https://e.test/0", 200, 1, 1, "x", null, 1, null),
            new(1, "https://e.test/1", "https://e.test/1", 500, 1, 1, "x", null, 3, null),
            new(2, "https://e.test/2", "https://e.test/2", 200, 1, 1, "x", null, 1, null),
            UrlResult.NotFetched(3, "https://e.test/3", FetchErrorKind.Timeout, "slow"),
        ], CancellationToken.None);
        harness.JobIs("job-1", OrchestrationRuntimeStatus.Completed);

        // Act
        var response = await harness.RetryFailedAsync("job-1");

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal([new JobUrl(1, "https://e.test/1"), new JobUrl(3, "https://e.test/3")], await harness.ScheduledUrlsAsync());
        Assert.Equal(JobPlanner.Plan(settings, 2, ActivitySlots.Default), harness.ScheduledInput!.Settings);
        var manifest = await harness.Store.ReadManifestAsync(harness.ScheduledInstanceId!, CancellationToken.None);
        Assert.Equal("job-1", manifest!.RetryOf);
        Assert.Equal(4, manifest.BaseTotal);
        Assert.Equal(2, manifest.BaseFailed);
        using var json = response.ReadJson();
        Assert.Equal(harness.ScheduledInstanceId, json.RootElement.GetProperty("id").GetString());
        Assert.Equal([harness.ScheduledInstanceId!], await harness.Store.ListDependentsAsync("job-1", CancellationToken.None));
    }

    [Fact]
    public async Task HandleAsync_JobWithHeaders_StoresThemForTheRetryJobAndSchedulesOnlyTheFlag()
    {
        // Arrange
        var harness = new ApiHarness();
        var headers = new RequestHeaders([new("Authorization", "Bearer t0ken")]);
        await harness.Store.WriteManifestAsync("job-1", new JobManifest("h", 1, new JobSettings()), CancellationToken.None);
        await harness.Store.WriteHeadersAsync("job-1", headers, CancellationToken.None);
        await harness.Store.WriteBatchAsync("job-1", 0, 0, [UrlResult.NotFetched(0, "https://e.test/0", FetchErrorKind.Timeout, "slow")], CancellationToken.None);
        harness.JobIs("job-1", OrchestrationRuntimeStatus.Completed);

        // Act
        var response = await harness.RetryFailedAsync("job-1");

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(harness.ScheduledInput!.HasHeaders);
        var copied = await harness.Store.ReadHeadersAsync(harness.ScheduledInstanceId!, CancellationToken.None);
        Assert.Equal(headers.Entries, copied!.Entries);
    }

    [Fact]
    public async Task HandleAsync_JobStoredBeforeConcurrencyExisted_RetriesWithItsOwnShape()
    {
        // Arrange: a manifest from before concurrency: the old default shape in full, read back with concurrency 50.
        var harness = new ApiHarness();
        var legacy = new JobSettings { BatchSize = 50, BatchParallelism = 16, MaxParallelBatches = 10 };
        await harness.Store.WriteManifestAsync("job-1", new JobManifest("h", 1, legacy), CancellationToken.None);
        await harness.Store.WriteBatchAsync("job-1", 0, 0, [UrlResult.NotFetched(0, "https://e.test/0", FetchErrorKind.Timeout, "slow")], CancellationToken.None);
        harness.JobIs("job-1", OrchestrationRuntimeStatus.Completed);

        // Act
        var response = await harness.RetryFailedAsync("job-1");

        // Assert: 160 in flight, as the job ran, not a refusal of 16 x 10 over 50.
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal((160, 16, 10), (harness.ScheduledInput!.Settings.Concurrency, harness.ScheduledInput.Settings.BatchParallelism, harness.ScheduledInput.Settings.MaxParallelBatches));
    }

    [Fact]
    public async Task HandleAsync_RunningJob_Answers409AndStartsNothing()
    {
        // Arrange
        var harness = new ApiHarness();
        await harness.Store.WriteManifestAsync("job-1", new JobManifest("h", 1, new JobSettings()), CancellationToken.None);
        harness.JobIs("job-1", OrchestrationRuntimeStatus.Running);

        // Act
        var response = await harness.RetryFailedAsync("job-1");

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        harness.VerifyNothingScheduled();
    }

    [Fact]
    public async Task HandleAsync_NothingFailed_Answers409AndStartsNothing()
    {
        // Arrange
        var harness = new ApiHarness();
        await harness.Store.WriteManifestAsync("job-1", new JobManifest("h", 1, new JobSettings()), CancellationToken.None);
        await harness.Store.WriteBatchAsync("job-1", 0, 0, [new(0, "https://e.test/0", "https://e.test/0", 200, 1, 1, "x", null, 1, null)], CancellationToken.None);
        harness.JobIs("job-1", OrchestrationRuntimeStatus.Completed);

        // Act
        var response = await harness.RetryFailedAsync("job-1");

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        harness.VerifyNothingScheduled();
    }

    [Fact]
    public async Task HandleAsync_UnknownJob_Answers404()
    {
        // Act
        var response = await new ApiHarness().RetryFailedAsync("nope");

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
