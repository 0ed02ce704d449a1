using System.Net;
using System.Text.Json;
using FunctionsFetch.Api;
using FunctionsFetch.Jobs;
using FunctionsFetch.Testing;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Tests.Api;

/// <summary><c>GET /api/fetch</c>: the job index, newest first, a page at a time.</summary>
public sealed class JobListHandlerTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task HandleAsync_ThreeJobs_NewestFirstWithStatusCountsAndTimes()
    {
        // Arrange
        var harness = await JobsAsync(("old", 0), ("new", 2), ("middle", 1));

        // Act
        var response = await harness.ListAsync();

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Header(JobListHandler.ContinuationHeader));
        using var json = response.ReadJson();
        var jobs = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal(["new", "middle", "old"], jobs.Select(j => j.GetProperty("id").GetString()));
        var newest = jobs[0];
        Assert.Equal("Running", newest.GetProperty("runtimeStatus").GetString());
        Assert.Equal((10, 5, 3, 2), (newest.GetProperty("total").GetInt32(), newest.GetProperty("completed").GetInt32(), newest.GetProperty("succeeded").GetInt32(), newest.GetProperty("failed").GetInt32()));
        Assert.Equal(Monday.AddHours(2), newest.GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal(Monday.AddHours(2).AddMinutes(1), newest.GetProperty("lastUpdatedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task HandleAsync_TopTwoOfThree_PagesWithTheContinuationTokenUntilTheLast()
    {
        // Arrange
        var harness = await JobsAsync(("a", 0), ("b", 1), ("c", 2));

        // Act
        var first = await harness.ListAsync(top: "2");
        var token = first.Header(JobListHandler.ContinuationHeader);
        var second = await harness.ListAsync(top: "2", continuationToken: token);

        // Assert
        Assert.Equal(["c", "b"], Ids(first));
        Assert.NotNull(token);
        Assert.Equal(["a"], Ids(second));
        Assert.Null(second.Header(JobListHandler.ContinuationHeader));
    }

    [Fact]
    public async Task HandleAsync_JobStartedThroughTheApi_IsListed()
    {
        // Arrange
        var harness = new ApiHarness();
        await harness.StartAsync("""{"jobId": "listed-1", "urls": ["https://e.test/a"]}""");
        harness.JobHas("listed-1", OrchestrationRuntimeStatus.Pending, JobCounts.Start(1), Monday);

        // Act
        var response = await harness.ListAsync();

        // Assert
        Assert.Equal(["listed-1"], Ids(response));
    }

    [Fact]
    public async Task HandleAsync_IndexedJobWithNoInstance_IsLeftOut()
    {
        // Arrange: "gone" was purged by a host that keeps blobs.
        var harness = await JobsAsync(("kept", 0));
        await harness.Store.WriteIndexEntryAsync("gone", Monday.AddHours(5), CancellationToken.None);

        // Act
        var response = await harness.ListAsync();

        // Assert
        Assert.Equal(["kept"], Ids(response));
    }

    [Theory]
    [InlineData("0", null, "top must be a whole number from 1 to 100 (was '0').")]
    [InlineData("101", null, "top must be a whole number from 1 to 100 (was '101').")]
    [InlineData("ten", null, "top must be a whole number from 1 to 100 (was 'ten').")]
    [InlineData(null, "not-a-token", "continuationToken must be one an earlier page of this list gave in x-ms-continuation-token.")]
    public async Task HandleAsync_BadQuery_Answers400Saying(string? top, string? token, string expectedDetail)
    {
        // Arrange
        var harness = await JobsAsync(("a", 0));

        // Act
        var response = await harness.ListAsync(top, token);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = response.ReadJson();
        Assert.Equal(expectedDetail, json.RootElement.GetProperty("detail").GetString());
    }

    private static async Task<ApiHarness> JobsAsync(params (string Id, int Hours)[] jobs)
    {
        var harness = new ApiHarness();
        foreach (var (id, hours) in jobs)
        {
            await harness.Store.WriteIndexEntryAsync(id, Monday.AddHours(hours), CancellationToken.None);
            harness.JobHas(id, OrchestrationRuntimeStatus.Running, new JobCounts(10, 3, 2), Monday.AddHours(hours));
        }

        return harness;
    }

    private static string[] Ids(ExecutedResult response)
    {
        using var json = response.ReadJson();
        return json.RootElement.EnumerateArray().Select(j => j.GetProperty("id").GetString()!).ToArray();
    }
}
