using System.Net;
using FunctionsFetch.Client;
using FunctionsFetch.IntegrationTests.Infrastructure;
using FunctionsFetch.Local;
using FunctionsFetch.Testing;

namespace FunctionsFetch.IntegrationTests.Api;

/// <summary>
/// One <c>jobId</c> started from two processes on one task hub at the same instant (with <c>Local:DeduplicateStarts</c>
/// off, as by default): a start happens once, whichever process wins.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class StartRaceTests(AzuriteFixture azurite)
{
    private const int Rounds = 4;
    private const int UrlsPerInput = 20;

    [Fact]
    public async Task Start_SameJobIdWithOtherInputFromTwoHostsAtOnce_OneRunsOnceTheOtherIs409AndNothingMixes()
    {
        // Arrange
        await using var target = await LatencyTarget.StartAsync(TimeSpan.FromMilliseconds(20));
        var hosts = await TwoHostsOnOneHubAsync();
        await using var first = hosts[0];
        await using var second = hosts[1];

        for (var round = 0; round < Rounds; round++)
        {
            var jobId = $"race-{round}-{Guid.NewGuid():N}";
            var inputA = Input(target, $"a{round}-");
            var inputB = Input(target, $"b{round}-");

            // Act
            var (a, b) = await BothAtOnceAsync(() => StartAsync(first.Api, inputA, jobId), () => StartAsync(second.Api, inputB, jobId));

            // Assert: one 202 and one 409; the job holds the winner's URLs only, each fetched once; the loser's never.
            Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Conflict], new[] { a, b }.Order());
            var (winner, loser) = a == HttpStatusCode.Accepted ? (inputA, inputB) : (inputB, inputA);
            var done = await first.Api.WaitForResultsAsync(jobId, Polling.Within(TimeSpan.FromMinutes(1)));
            Assert.Equal("Completed", done.RuntimeStatus);
            Assert.Equal(winner, done.Results.Select(r => r.Url));
            Assert.All(winner, url => Assert.Equal(1, target.HitsFor(url)));
            Assert.All(loser, url => Assert.Equal(0, target.HitsFor(url)));
        }
    }

    [Fact]
    public async Task Start_SameJobIdWithTheSameInputFromTwoHostsAtOnce_BothAnswer202AndItsBatchesRunOnce()
    {
        // Arrange: a start delivered twice, as a client's retry through two instances behind a load balancer.
        await using var target = await LatencyTarget.StartAsync(TimeSpan.FromMilliseconds(20));
        var hosts = await TwoHostsOnOneHubAsync();
        await using var first = hosts[0];
        await using var second = hosts[1];

        for (var round = 0; round < Rounds; round++)
        {
            var jobId = $"twice-{round}-{Guid.NewGuid():N}";
            var input = Input(target, $"t{round}-");

            // Act
            var (a, b) = await BothAtOnceAsync(() => StartAsync(first.Api, input, jobId), () => StartAsync(second.Api, input, jobId));

            // Assert
            Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (a, b));
            var done = await second.Api.WaitForResultsAsync(jobId, Polling.Within(TimeSpan.FromMinutes(1)));
            Assert.Equal("Completed", done.RuntimeStatus);
            Assert.Equal(input, done.Results.Select(r => r.Url));
            Assert.All(input, url => Assert.Equal(1, target.HitsFor(url)));
        }
    }

    private Task<HostProcess[]> TwoHostsOnOneHubAsync()
    {
        var hub = AzuriteFixture.NewHubName();
        return Task.WhenAll(Enumerable.Range(0, 2).Select(_ => HostProcess.StartAsync(new HostSettings(hub, azurite.ConnectionString, FreePorts.Next()))));
    }

    private static string[] Input(LatencyTarget target, string prefix) =>
        Enumerable.Range(0, UrlsPerInput).Select(i => target.Url($"{prefix}{i}")).ToArray();

    /// <summary>Both calls released together, so the two starts reach the storage at about the same instant.</summary>
    private static async Task<(T A, T B)> BothAtOnceAsync<T>(Func<Task<T>> a, Func<Task<T>> b)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = Task.Run(async () => { await go.Task; return await a(); });
        var second = Task.Run(async () => { await go.Task; return await b(); });
        go.SetResult();
        return (await first, await second);
    }

    private static async Task<HttpStatusCode> StartAsync(FetchClient api, string[] urls, string jobId)
    {
        try
        {
            await api.StartAsync(urls, new { batchSize = 5 }, jobId);
            return HttpStatusCode.Accepted;
        }
        catch (FetchApiException refused)
        {
            return refused.StatusCode;
        }
    }
}
