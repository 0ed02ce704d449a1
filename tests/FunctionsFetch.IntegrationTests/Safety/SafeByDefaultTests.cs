using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FunctionsFetch.IntegrationTests.Infrastructure;
using FunctionsFetch.Local;
using FunctionsFetch.Testing;

namespace FunctionsFetch.IntegrationTests.Safety;

/// <summary>3/5 end to end on the local host: guard, per-host cap, threshold, cancel, retry-failed, idempotent start.</summary>
[Collection(AzuriteTests.Name)]
public sealed class SafeByDefaultTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Job_LoopbackSpellingsWithTheGuardOn_AllBlockedAndTheTargetSeesNothing()
    {
        // Arrange
        await using var target = await LatencyTarget.StartAsync(TimeSpan.Zero);
        var settings = Settings().Set("Fetch:AllowPrivateNetworks", "false");
        await using var host = await InProcessHost.StartAsync(settings);
        string[] hosts = ["127.0.0.1", "127.1", "2130706433", "0x7f.1", "0177.0.0.1", "[::1]", "[::ffff:127.0.0.1]", "0.0.0.0", "localhost"];
        var urls = hosts.Select(h => $"http://{h}:{target.Port}/item/secret").ToArray();

        // Act
        var id = (await host.Api.StartAsync(urls)).Id;
        var done = await host.Api.WaitForResultsAsync(id, Polling.Within(TimeSpan.FromMinutes(1)));

        // Assert
        Assert.Equal("Completed", done.RuntimeStatus);
        Assert.All(done.Results, r => Assert.Equal("blocked", r.Error?.Kind));
        Assert.Equal(0, target.TotalHits);
    }

    [Fact]
    public async Task Job_ManyUrlsOnOneHost_TargetNeverSeesMoreThanThePerHostCap()
    {
        // Arrange
        await using var target = await LatencyTarget.StartAsync(TimeSpan.FromMilliseconds(150));
        await using var host = await InProcessHost.StartAsync(Settings().Set("Fetch:MaxConcurrencyPerHost", 3));
        var urls = Enumerable.Range(0, 40).Select(i => target.Url($"cap{i}")).ToArray();

        // Act
        var id = (await host.Api.StartAsync(urls, new { batchSize = 20, batchParallelism = 20, maxParallelBatches = 2 })).Id;
        var done = await host.Api.WaitForResultsAsync(id, Polling.Within(TimeSpan.FromMinutes(1)));

        // Assert
        Assert.Equal(40, done.Succeeded);
        Assert.Equal(3, target.PeakInFlight);
    }

    [Fact]
    public async Task Job_FailuresPassTheTolerance_EndsFailedWithReasonAndResultsSoFar()
    {
        // Arrange: every URL fails; 1 batch at a time; 10% tolerated.
        await using var target = await LatencyTarget.StartAsync(TimeSpan.Zero);
        await using var host = await InProcessHost.StartAsync(Settings());
        var urls = Enumerable.Range(0, 100).Select(i => target.FailingUrl($"bad{i}", status: 500)).ToArray();

        // Act
        var id = (await host.Api.StartAsync(urls, new { batchSize = 10, maxParallelBatches = 1, maxAttempts = 1, toleratedFailurePercent = 10 })).Id;
        var done = await host.Api.WaitForResultsAsync(id, Polling.Within(TimeSpan.FromMinutes(1)));

        // Assert: the second batch passes 10 of 100; the rest is never fetched.
        Assert.Equal("Failed", done.RuntimeStatus);
        Assert.Contains("tolerated failure percentage (10%)", done.Reason, StringComparison.Ordinal);
        Assert.Equal(20, done.Results.Count);
        Assert.Equal(20, target.TotalHits);
    }

    [Fact]
    public async Task Cancel_RunningJob_TerminatesItAndKeepsWhatItFetched()
    {
        // Arrange: fast URLs first, then slow ones, one batch at a time.
        await using var target = await LatencyTarget.StartAsync(TimeSpan.Zero);
        await using var host = await InProcessHost.StartAsync(Settings());
        var urls = Enumerable.Range(0, 10).Select(i => target.Url($"fast{i}"))
            .Concat(Enumerable.Range(0, 10).Select(i => target.Url($"slow{i}", TimeSpan.FromSeconds(30))))
            .ToArray();
        var id = (await host.Api.StartAsync(urls, new { batchSize = 10, maxParallelBatches = 1 })).Id;
        await WaitUntilAsync(async () =>
        {
            using var status = await host.Api.GetStatusAsync(id);
            return status.HasEnded || status.Progress.Completed >= 10;
        });

        // Act
        using var cancel = await host.Http.DeleteAsync(new Uri($"/api/fetch/{id}", UriKind.Relative));
        var done = await host.Api.WaitForResultsAsync(id, Polling.Within(TimeSpan.FromMinutes(1)));
        using var again = await host.Http.DeleteAsync(new Uri($"/api/fetch/{id}", UriKind.Relative));
        using var unknown = await host.Http.DeleteAsync(new Uri("/api/fetch/no-such-job", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal("Terminated", done.RuntimeStatus);
        Assert.Equal(urls.Take(10), done.Results.Select(r => r.Url));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task RetryFailed_FinishedJob_RetriesOnlyTheFailedAndShowsOneMergedList()
    {
        // Arrange: odd URLs fail on their first hit only.
        await using var target = await LatencyTarget.StartAsync(TimeSpan.Zero);
        await using var host = await InProcessHost.StartAsync(Settings());
        var urls = Enumerable.Range(0, 12).Select(i => i % 2 == 1 ? target.FailingUrl($"flaky{i}", failFirst: 1) : target.Url($"fine{i}")).ToArray();
        var id = (await host.Api.StartAsync(urls, new { batchSize = 4, maxAttempts = 1 })).Id;
        var first = await host.Api.WaitForResultsAsync(id, Polling.Within(TimeSpan.FromMinutes(1)));

        // Act
        var retryId = (await host.Api.RetryFailedAsync(id)).Id;
        var merged = await host.Api.WaitForResultsAsync(retryId, Polling.Within(TimeSpan.FromMinutes(1)));

        // Assert
        Assert.Equal(6, first.Failed);
        Assert.NotEqual(id, retryId);
        Assert.Equal(12, merged.Total);
        Assert.Equal(0, merged.Failed);
        var results = merged.Results.ToArray();
        Assert.Equal(Enumerable.Range(0, 12), results.Select(r => r.Index));
        Assert.Equal(urls, results.Select(r => r.Url));
        Assert.All(results, r => Assert.Equal(200, r.StatusCode));
        Assert.All(urls, url => Assert.Equal(url.Contains("flaky", StringComparison.Ordinal) ? 2 : 1, target.HitsFor(url)));
    }

    [Fact]
    public async Task Start_SameJobIdTwice_OneJobAndADifferentInputConflicts()
    {
        // Arrange
        await using var target = await LatencyTarget.StartAsync(TimeSpan.Zero);
        await using var host = await InProcessHost.StartAsync(Settings());
        var body = new { jobId = "idem-1", urls = new[] { target.Url("i1") } };

        // Act
        using var first = await host.Http.PostAsJsonAsync(new Uri("/api/fetch", UriKind.Relative), body);
        using var second = await host.Http.PostAsJsonAsync(new Uri("/api/fetch", UriKind.Relative), body);
        using var different = await host.Http.PostAsJsonAsync(new Uri("/api/fetch", UriKind.Relative), new { jobId = "idem-1", urls = new[] { target.Url("other") } });
        var done = await host.Api.WaitForResultsAsync("idem-1", Polling.Within(TimeSpan.FromMinutes(1)));

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal("idem-1", (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.Conflict, different.StatusCode);
        Assert.Equal("Completed", done.RuntimeStatus);
        Assert.Equal(1, target.HitsFor(target.Url("i1")));
        Assert.Equal(0, target.HitsFor(target.Url("other")));
    }

    [Fact]
    public async Task ApiKey_Set_EveryRouteNeedsItAndTheStatusUrlsCarryIt()
    {
        // Arrange
        await using var target = await LatencyTarget.StartAsync(TimeSpan.Zero);
        await using var host = await InProcessHost.StartAsync(Settings().Set("Fetch:ApiKey", "s3cret-key"));
        var http = host.Http;
        var body = JsonSerializer.Serialize(new { urls = new[] { target.Url("k1") } });

        // Act
        using var startWithout = await http.PostAsync(new Uri("/api/fetch", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
        using var statusWithout = await http.GetAsync(new Uri("/api/fetch/anything", UriKind.Relative));
        using var webhookWithout = await http.GetAsync(new Uri("/runtime/webhooks/durabletask/instances", UriKind.Relative));
        using var wrongKey = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/fetch/anything", UriKind.Relative));
        wrongKey.Headers.Add("x-functions-key", "guess");
        using var wrongKeyAnswer = await http.SendAsync(wrongKey);
        using var start = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/fetch", UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        start.Headers.Add("x-functions-key", "s3cret-key");
        using var started = await http.SendAsync(start);
        var payload = await started.Content.ReadFromJsonAsync<JsonElement>();
        var statusUri = new Uri(payload.GetProperty("statusQueryGetUri").GetString()!);
        await WaitUntilAsync(async () => (await http.GetAsync(statusUri)).StatusCode == HttpStatusCode.OK);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, startWithout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, statusWithout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, webhookWithout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKeyAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Contains("code=s3cret-key", statusUri.Query, StringComparison.Ordinal);
        Assert.Equal(1, target.HitsFor(target.Url("k1")));
    }

    [Theory]
    [InlineData("not json", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"urls": []}""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"urls": ["ftp://example.test/"]}""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"urls": ["https://example.test/"], "options": {"batchSize": 0}}""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"urls": ["https://example.test/"], "options": {"toleratedFailurePercent": 101}}""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"urls": ["https://example.test/"], "jobId": "bad id"}""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("https://example.test/", "application/xml", HttpStatusCode.BadRequest)]
    [InlineData("""{"urls": ["https://example.test/a", "https://example.test/b", "https://example.test/c", "https://example.test/d"]}""", "application/json", HttpStatusCode.BadRequest)]
    public async Task Start_BadInput_AnswersProblemAndStartsNothingOnTheEngine(string body, string contentType, HttpStatusCode expected)
    {
        // Arrange
        await using var host = await InProcessHost.StartAsync(Settings().Set("Fetch:MaxUrlsPerJob", 3));

        // Act
        using var response = await host.Http.PostAsync(new Uri("/api/fetch", UriKind.Relative), new StringContent(body, Encoding.UTF8, contentType));
        using var instances = await host.Http.GetAsync(new Uri("/runtime/webhooks/durabletask/instances", UriKind.Relative));

        // Assert
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, (await instances.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength());
    }

    [Fact]
    public async Task Start_BodyOverMaxRequestBytes_Answers413AndStartsNothing()
    {
        // Arrange
        await using var host = await InProcessHost.StartAsync(Settings().Set("Fetch:MaxRequestBytes", 2048));
        var body = JsonSerializer.Serialize(new { urls = Enumerable.Range(0, 200).Select(i => $"https://example.test/{i}") });

        // Act
        using var response = await host.Http.PostAsync(new Uri("/api/fetch", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
        using var instances = await host.Http.GetAsync(new Uri("/runtime/webhooks/durabletask/instances", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, (await instances.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength());
    }

    private HostSettings Settings() => new(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next());

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 600; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The condition never held.");
    }
}
