using System.Net;
using FunctionsFetch.Configuration;
using FunctionsFetch.Fetching;
using FunctionsFetch.Storage;
using FunctionsFetch.Testing;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Tests.Api;

/// <summary><c>options.revalidate</c>: a job that fetches conditionally what an earlier job fetched with validators.</summary>
public sealed class StartJobHandlerRevalidateTests
{
    private const string Earlier = "nightly-1";

    [Fact]
    public async Task HandleAsync_EndedEarlierJob_StoresEachMatchedUrlsPriorResultAndFlagsTheJob()
    {
        // Arrange
        var harness = new ApiHarness();
        await EarlierJobAsync(harness, saveBodies: false);

        // Act
        var response = await harness.StartAsync(Start(Earlier, "https://e.test/b", "https://e.test/new", "https://e.test/a"));

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(harness.ScheduledInput!.HasValidators);
        var priors = await harness.Store.ReadValidatorsAsync(harness.ScheduledInstanceId!, 0, 3, CancellationToken.None);
        Assert.Equal([0, 2], priors.Keys.Order());
        Assert.Equal(("\"b1\"", "sha-b"), (priors[0].ETag, priors[0].Sha256));
        Assert.Equal(("\"a1\"", "sha-a"), (priors[2].ETag, priors[2].Sha256));
        var manifest = await harness.Store.ReadManifestAsync(harness.ScheduledInstanceId!, CancellationToken.None);
        Assert.Equal(Earlier, manifest!.Revalidates);
        Assert.Empty(await harness.Store.ListDependentsAsync(Earlier, CancellationToken.None));
    }

    [Fact]
    public async Task HandleAsync_EarlierJobSavedBodies_RecordsTheNewJobAsAReaderOfIt()
    {
        // Arrange
        var harness = new ApiHarness();
        await EarlierJobAsync(harness, saveBodies: true);

        // Act
        await harness.StartAsync(Start(Earlier, "https://e.test/a"));

        // Assert
        Assert.Equal([harness.ScheduledInstanceId!], await harness.Store.ListDependentsAsync(Earlier, CancellationToken.None));
    }

    [Fact]
    public async Task HandleAsync_NoUrlMatches_StartsAPlainJob()
    {
        // Arrange
        var harness = new ApiHarness();
        await EarlierJobAsync(harness, saveBodies: false);

        // Act
        var response = await harness.StartAsync(Start(Earlier, "https://e.test/other"));

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.False(harness.ScheduledInput!.HasValidators);
    }

    [Fact]
    public async Task HandleAsync_UnknownEarlierJob_Answers400NamingItAndStoresNothing()
    {
        // Arrange
        var harness = new ApiHarness();

        // Act
        var response = await harness.StartAsync(Start("no-such-job", "https://e.test/a"));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = response.ReadJson();
        Assert.Equal("options.revalidate names job 'no-such-job', which does not exist (or was purged).", json.RootElement.GetProperty("detail").GetString());
        harness.VerifyNothingScheduled();
        Assert.Equal(0, harness.Blobs.Count);
    }

    [Fact]
    public async Task HandleAsync_EarlierJobStillRunning_Answers409AndStartsNothing()
    {
        // Arrange
        var harness = new ApiHarness();
        await EarlierJobAsync(harness, saveBodies: false);
        harness.JobIs(Earlier, OrchestrationRuntimeStatus.Running);
        var before = harness.Blobs.Count;

        // Act
        var response = await harness.StartAsync(Start(Earlier, "https://e.test/a"));

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        using var json = response.ReadJson();
        Assert.Contains("still Running", json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        harness.VerifyNothingScheduled();
        Assert.Equal(before, harness.Blobs.Count);
    }

    [Theory]
    [InlineData("42", "options.revalidate must be the id of an earlier job")]
    [InlineData("\"has space\"", "options.revalidate must be the id of an earlier job")]
    [InlineData("\"\"", "options.revalidate must be the id of an earlier job")]
    public async Task HandleAsync_BadRevalidateValue_Answers400AndStartsNothing(string value, string expectedDetail)
    {
        // Arrange
        var harness = new ApiHarness();

        // Act
        var response = await harness.StartAsync($$$"""{"urls": ["https://e.test/a"], "options": {"revalidate": {{{value}}}}}""");

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = response.ReadJson();
        Assert.StartsWith(expectedDetail, json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        harness.VerifyNothingScheduled();
        Assert.Equal(0, harness.Blobs.Count);
    }

    private static string Start(string earlier, params string[] urls) =>
        $$$"""{"urls": [{{{string.Join(", ", urls.Select(u => $"\"{u}\""))}}}], "options": {"revalidate": "{{{earlier}}}"}}""";

    /// <summary>An ended job that fetched /a and /b with ETags and /c without.</summary>
    private static async Task EarlierJobAsync(ApiHarness harness, bool saveBodies)
    {
        await harness.Store.CreateManifestAsync(Earlier, new JobManifest("hash", 3, new JobSettings { SaveBodies = saveBodies }), CancellationToken.None);
        await harness.Store.WriteBatchAsync(
            Earlier,
            0,
            0,
            [Ok(0, "https://e.test/a", "\"a1\"", "sha-a"), Ok(1, "https://e.test/b", "\"b1\"", "sha-b"), Ok(2, "https://e.test/c", null, "sha-c")],
            CancellationToken.None);
        harness.JobIs(Earlier, OrchestrationRuntimeStatus.Completed);
    }

    private static UrlResult Ok(int index, string url, string? etag, string sha256) => new(index, url, url, 200, 5, 10, sha256, "text/html", 1, null, ETag: etag);
}
