using FunctionsFetch.Client;
using FunctionsFetch.IntegrationTests.Infrastructure;
using FunctionsFetch.Local;
using FunctionsFetch.Testing;
using Xunit.Abstractions;

namespace FunctionsFetch.IntegrationTests.Metrics;

/// <summary>The local host's <c>/metrics</c> after real jobs on Azurite: its counts are the job's stored results.</summary>
[Collection(AzuriteTests.Name)]
public sealed class MetricsEndpointTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const string Fetches = "functionsfetch_fetches_total";

    [Fact]
    public async Task Metrics_AfterAJobWithFailures_CountsEqualItsStoredResults()
    {
        // Arrange: 5 URLs answer 200, one 404, one 503 (no retries), one reaches a closed port; one attempt each.
        await using var target = await LatencyTarget.StartAsync(TimeSpan.FromMilliseconds(20));
        await using var host = await InProcessHost.StartAsync(new HostSettings(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next()).Set("Fetch:ApiKey", "k3y"));
        using var api = new HttpClient { BaseAddress = host.Settings.BaseUri };
        var client = new FetchClient(api, "k3y");
        var urls = Enumerable.Range(0, 5).Select(i => target.Url($"ok{i}"))
            .Append(target.FailingUrl("missing", status: 404))
            .Append(target.FailingUrl("busy", status: 503))
            .Append($"http://127.0.0.1:{FreePorts.Next()}/closed")
            .ToArray();
        var before = await PrometheusScrape.ReadAsync(host.Http);

        // Act
        var started = await client.StartAsync(urls, new { maxAttempts = 1, concurrency = 4 });
        var done = await client.WaitForResultsAsync(started.Id, Polling.Within(TimeSpan.FromMinutes(1)));
        var after = await PrometheusScrape.ReadAsync(host.Http);

        // Assert: /metrics needs no key; each count grew by exactly what the job stored.
        double Delta(string name, params (string, string)[] labels) => after.Sum(name, labels) - before.Sum(name, labels);
        output.WriteLine(await host.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative)));
        Assert.Equal(urls.Length, done.Results.Count);
        Assert.Equal(done.Results.Count, Delta(Fetches));
        Assert.Equal(done.Succeeded, Delta(Fetches, ("outcome", "succeeded")));
        Assert.Equal(done.Failed, Delta(Fetches, ("outcome", "failed")));
        foreach (var kind in done.Results.Where(r => r.Error is not null).GroupBy(r => r.Error!.Kind))
        {
            Assert.Equal(kind.Count(), Delta(Fetches, ("error_kind", kind.Key)));
        }

        Assert.Equal(5, Delta(Fetches, ("outcome", "succeeded"), ("status_class", "2xx")));
        Assert.Equal(1, Delta(Fetches, ("outcome", "failed"), ("error_kind", "none"), ("status_class", "4xx")));
        Assert.Equal(1, Delta(Fetches, ("outcome", "failed"), ("error_kind", "none"), ("status_class", "5xx")));
        Assert.Equal(1, Delta(Fetches, ("error_kind", "connect")));
        Assert.Equal(done.Results.Count, Delta("functionsfetch_fetch_duration_seconds_count"));
        Assert.Equal(done.Results.Sum(r => r.Bytes), Delta("functionsfetch_fetch_bytes_total"));
        Assert.Equal(1, Delta("functionsfetch_host_throttles_total", ("status_code", "503")));
        Assert.Equal(1, Delta("functionsfetch_jobs_started_total"));
        Assert.Equal(1, Delta("functionsfetch_jobs_ended_total", ("status", "Completed")));
        Assert.True(Delta("functionsfetch_batches_total", ("outcome", "stored")) >= 1);
        Assert.Equal(0, after.Sum("functionsfetch_fetches_in_flight"));
        Assert.DoesNotContain(after.LabelSets(Fetches), labels => labels.Keys.Any(k => k is "host" or "url" or "job_id"));
    }

    [Fact]
    public async Task Metrics_JobCanceled_CountsItAsTerminated()
    {
        // Arrange
        await using var target = await LatencyTarget.StartAsync(TimeSpan.FromSeconds(2));
        await using var host = await InProcessHost.StartAsync(new HostSettings(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next()));
        var started = await host.Api.StartAsync(Enumerable.Range(0, 20).Select(i => target.Url($"slow{i}")), new { concurrency = 1 });
        await Eventually.HoldsAsync(() => target.TotalHits >= 1, TimeSpan.FromSeconds(30));
        var before = await PrometheusScrape.ReadAsync(host.Http);

        // Act
        using var canceled = await host.Http.DeleteAsync(new Uri($"/api/fetch/{started.Id}", UriKind.Relative));
        var after = await PrometheusScrape.ReadAsync(host.Http);

        // Assert
        Assert.Equal(System.Net.HttpStatusCode.Accepted, canceled.StatusCode);
        Assert.Equal(1, after.Sum("functionsfetch_jobs_ended_total", ("status", "Terminated")) - before.Sum("functionsfetch_jobs_ended_total", ("status", "Terminated")));
    }

    [Fact]
    public async Task Metrics_TwoHostsInOneProcess_EachShowsOnlyItsOwnCounts()
    {
        // Arrange: two in-memory hosts in this process; only the first runs a job.
        await using var target = await LatencyTarget.StartAsync(TimeSpan.Zero);
        await using var first = await InProcessHost.StartAsync(new HostSettings("hubfirst", storage: null, FreePorts.Next()));
        await using var second = await InProcessHost.StartAsync(new HostSettings("hubsecond", storage: null, FreePorts.Next()));

        // Act
        var started = await first.Api.StartAsync([target.Url("x"), target.Url("y")]);
        await first.Api.WaitForResultsAsync(started.Id, Polling.Within(TimeSpan.FromMinutes(1)));
        var own = await PrometheusScrape.ReadAsync(first.Http);
        var other = await PrometheusScrape.ReadAsync(second.Http);

        // Assert
        Assert.Equal(2, own.Sum(Fetches));
        Assert.Equal(0, other.Sum(Fetches));
    }
}
