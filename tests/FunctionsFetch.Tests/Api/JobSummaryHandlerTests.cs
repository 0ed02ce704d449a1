using System.Net;
using FunctionsFetch.Fetching;
using FunctionsFetch.Jobs;
using FunctionsFetch.Testing;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Tests.Api;

/// <summary><c>GET /api/fetch/{id}/summary</c>: the job at a glance, from the results stored so far.</summary>
public sealed class JobSummaryHandlerTests
{
    [Fact]
    public async Task HandleAsync_RunningJob_CountsByOutcomeAndErrorKindAndRanksTheSlowestHosts()
    {
        // Arrange: 4 of 10 results stored; slow.test takes 900 ms on average, fast.test 15 ms.
        var harness = new ApiHarness();
        await harness.Store.WriteBatchAsync(
            "job-1",
            0,
            0,
            [
                Answer(0, "https://fast.test/a", 200, 10),
                Answer(1, "https://fast.test/b", 404, 20),
                Answer(2, "https://slow.test/c", 503, 800),
                UrlResult.NotFetched(3, "https://slow.test/d", FetchErrorKind.Timeout, "slow", elapsedMs: 1000),
            ],
            CancellationToken.None);
        harness.JobHas("job-1", OrchestrationRuntimeStatus.Running, new JobCounts(10, 1, 3), DateTimeOffset.UnixEpoch);

        // Act
        var response = await harness.SummaryAsync("job-1");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = response.ReadJson();
        var root = json.RootElement;
        Assert.Equal(("Running", 10, 4, 1, 3), (root.GetProperty("runtimeStatus").GetString(), root.GetProperty("total").GetInt32(), root.GetProperty("completed").GetInt32(),
            root.GetProperty("succeeded").GetInt32(), root.GetProperty("failed").GetInt32()));
        var byOutcome = root.GetProperty("byOutcome");
        Assert.Equal([1, 0, 1, 1, 1], JobResultsSummary.OutcomeClasses.Select(o => byOutcome.GetProperty(o).GetInt32()));
        Assert.Equal(1, root.GetProperty("byErrorKind").GetProperty("timeout").GetInt32());
        var hosts = root.GetProperty("slowestHosts").EnumerateArray().ToArray();
        Assert.Equal(["https://slow.test:443", "https://fast.test:443"], hosts.Select(h => h.GetProperty("host").GetString()));
        Assert.Equal((2, 900L, 1000L), (hosts[0].GetProperty("count").GetInt32(), hosts[0].GetProperty("averageMs").GetInt64(), hosts[0].GetProperty("maxMs").GetInt64()));
        Assert.Equal(0, root.GetProperty("throttledHosts").GetArrayLength());
    }

    [Fact]
    public async Task HandleAsync_UnknownJob_Answers404()
    {
        // Arrange
        var harness = new ApiHarness();

        // Act
        var response = await harness.SummaryAsync("nope");

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static UrlResult Answer(int index, string url, int status, long elapsedMs) => new(index, url, url, status, elapsedMs, 1, "x", null, 1, null);
}
