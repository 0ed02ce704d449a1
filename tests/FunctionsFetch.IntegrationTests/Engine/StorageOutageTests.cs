using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Azure.Storage.Queues;
using FunctionsFetch.Local;
using FunctionsFetch.IntegrationTests.Infrastructure;
using FunctionsFetch.Testing;
using Xunit.Abstractions;

namespace FunctionsFetch.IntegrationTests.Engine;

/// <summary>Storage goes away mid-job and comes back: the API answers 503 meanwhile, and the job resumes by itself.</summary>
[Collection(AzuriteTests.Name)]
public sealed class StorageOutageTests(ITestOutputHelper output)
{
    private const int UrlCount = 300;

    // The Azure SDK retries each storage call for about 25 s before it fails, so renewals, completions and polls
    // only fail (and the host's own retries take over) in an outage longer than that.
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);

    // A status read waits for the SDK's retries too (about 6 s) before it answers.
    private static readonly TimeSpan ProbeWindow = TimeSpan.FromSeconds(10);

    [Fact(Timeout = 180_000)]
    public async Task StorageStoppedMidJob_Answers503ThenJobResumesWithOneResultPerUrlInOrder()
    {
        // Arrange: an Azurite of this test's own, its data on disk so that it comes back with the same state.
        await using var azurite = await PersistentAzurite.StartAsync();
        await using var target = await LatencyTarget.StartAsync(TimeSpan.FromMilliseconds(300));
        var settings = new HostSettings(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next());
        await using var host = await InProcessHost.StartAsync(settings);
        var urls = Enumerable.Range(0, UrlCount).Select(i => target.Url($"outage{i}")).ToArray();
        var id = (await host.Api.StartAsync(urls, new { batchSize = 10, batchParallelism = 2, maxParallelBatches = 4 })).Id;
        var (_, completedAtStop) = await JobProgress.WaitAsync(host.Api, id, atLeast: 60);

        // Act: storage goes away mid-job (a graceful stop, so Azurite saves its state) ...
        var down = Stopwatch.StartNew();
        await azurite.StopAsync();

        // A start waits for the SDK's retries of the input's blob (about 25 s), so it runs beside the status reads.
        var start = SendAsync(host, HttpMethod.Post, "/api/fetch", JsonContent.Create(new { urls = new[] { target.Url("during-outage") } }));
        var answers = new List<Answer>();
        do
        {
            answers.Add(await SendAsync(host, HttpMethod.Get, $"/api/fetch/{id}"));
            answers.Add(await SendAsync(host, HttpMethod.Get, $"/runtime/webhooks/durabletask/instances/{id}"));
        }
        while (down.Elapsed < ProbeWindow);
        answers.Add(await start);

        if (Outage - down.Elapsed is { Ticks: > 0 } rest)
        {
            await Task.Delay(rest);
        }

        // ... and comes back on the same ports with the same data.
        await azurite.RestartAsync();
        var outage = down.Elapsed;
        var back = Stopwatch.StartNew();
        var (resumedAfter, _) = await JobProgress.WaitAsync(host.Api, id, atLeast: completedAtStop + 1);
        var done = await host.Api.WaitForResultsAsync(id, Polling.Within(TimeSpan.FromMinutes(2)));
        var leftInQueue = await WaitUntilWorkItemsDrainedAsync(azurite.ConnectionString, settings.HubName);
        output.WriteLine($"Storage down at {completedAtStop}/{UrlCount} URLs for {outage.TotalSeconds:F1} s; the job progressed " +
            $"{resumedAfter.TotalSeconds:F1} s after storage was back and finished after {back.Elapsed.TotalSeconds:F1} s.");
        output.WriteLine($"Answers while down: {string.Join(", ", answers)}; URLs fetched more than once: {urls.Count(url => target.HitsFor(url) > 1)}; activity messages left: {leftInQueue}");

        // Assert
        Assert.All(answers, answer =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
            Assert.NotNull(answer.RetryAfter);
            Assert.Equal("application/problem+json", answer.ContentType);
        });
        Assert.Equal("Completed", done.RuntimeStatus);
        var results = done.Results;
        Assert.Equal(Enumerable.Range(0, UrlCount), results.Select(r => r.Index));
        Assert.Equal(urls, results.Select(r => r.Url));
        Assert.All(results, r => Assert.Equal(200, r.StatusCode));
        Assert.All(urls, url => Assert.True(target.HitsFor(url) >= 1, $"{url} was never fetched"));

        // No batch message left behind, turned down at every delivery as "processed multiple times concurrently".
        Assert.Equal(0, leftInQueue);
    }

    /// <summary>
    /// Waits until the task hub's activity queue holds no message, visible or not; returns how many are left. A message
    /// whose lock went stale in the outage shows again after its visibility timeout (10 s here) and runs then.
    /// </summary>
    private static async Task<int> WaitUntilWorkItemsDrainedAsync(string connectionString, string hubName)
    {
        var queue = new QueueClient(connectionString, $"{hubName.ToLowerInvariant()}-workitems");
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var left = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
            if (left == 0 || clock.Elapsed > TimeSpan.FromSeconds(45))
            {
                return left;
            }

            await Task.Delay(500);
        }
    }

    private static async Task<Answer> SendAsync(InProcessHost host, HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        var clock = Stopwatch.StartNew();
        using var response = await host.Http.SendAsync(request);
        return new Answer(method.Method, response.StatusCode, response.Headers.RetryAfter?.Delta, response.Content.Headers.ContentType?.MediaType, clock.Elapsed);
    }

    private sealed record Answer(string Method, HttpStatusCode Status, TimeSpan? RetryAfter, string? ContentType, TimeSpan Took)
    {
        public override string ToString() => $"{Method} {(int)Status} Retry-After {RetryAfter?.TotalSeconds} in {Took.TotalSeconds:F1} s";
    }
}
