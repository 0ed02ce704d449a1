using System.Net;
using System.Text.Json;
using FunctionsFetch.Local;
using FunctionsFetch.IntegrationTests.Infrastructure;
using FunctionsFetch.Testing;

namespace FunctionsFetch.IntegrationTests.Api;

/// <summary>The Durable API's restart on the local host over Azurite: the same URLs again, results of its own.</summary>
[Collection(AzuriteTests.Name)]
public sealed class RestartTests(AzuriteFixture azurite)
{
    private const string Key = "restart-key";

    [Fact]
    public async Task Restart_FinishedJob_StartsAJobThatRefetchesTheSameUrlsUnderItsOwnId()
    {
        // Arrange: 30 URLs in three batches, behind an API key.
        await using var target = await LatencyTarget.StartAsync(TimeSpan.FromMilliseconds(20));
        await using var host = await InProcessHost.StartAsync(Settings().Set("Fetch:ApiKey", Key));
        host.Http.DefaultRequestHeaders.Add("x-functions-key", Key);
        var urls = Enumerable.Range(0, 30).Select(i => target.Url($"r{i}")).ToArray();
        var original = await host.Api.StartAsync(urls, new { batchSize = 10 });
        var originalDone = await host.Api.WaitForResultsAsync(original.Id, Polling.Within(TimeSpan.FromSeconds(60)));
        using var anonymous = new HttpClient();

        // Act: follow restartPostUri as handed out, then poll the new job at once and until it ends.
        using var restart = await anonymous.PostAsync(new Uri(original.RestartPostUri), null);
        var restarted = await ReadJsonAsync(restart);
        using var firstPoll = await anonymous.GetAsync(new Uri(restarted.GetProperty("statusQueryGetUri").GetString()!));
        var restartedDone = await host.Api.WaitForResultsAsync(Id(restarted), Polling.Within(TimeSpan.FromSeconds(60)));
        var originalAfter = await host.Api.WaitForResultsAsync(original.Id, Polling.Within(TimeSpan.FromSeconds(10)));

        // Assert
        Assert.NotEqual(original.Id, Id(restarted));
        Assert.NotEqual(HttpStatusCode.InternalServerError, firstPoll.StatusCode);
        Assert.Contains($"code={Key}", restarted.GetProperty("statusQueryGetUri").GetString(), StringComparison.Ordinal);
        Assert.Equal("Completed", restartedDone.RuntimeStatus);
        Assert.Equal(urls, restartedDone.Results.Select(r => r.Url));
        Assert.Equal(30, restartedDone.Succeeded);
        Assert.All(urls, url => Assert.Equal(2, target.HitsFor(url)));
        Assert.Equal(originalDone.Results, originalAfter.Results);
    }

    [Fact]
    public async Task Restart_SameInstanceIdAfterACancel_RunsAgainUnderThatIdAndStartsClean()
    {
        // Arrange: a job canceled part-way, with canceled rows and a cancel mark.
        await using var target = await LatencyTarget.StartAsync(TimeSpan.FromMilliseconds(300));
        await using var host = await InProcessHost.StartAsync(Settings());
        var urls = Enumerable.Range(0, 40).Select(i => target.Url($"s{i}")).ToArray();
        var payload = await host.Api.StartAsync(urls, new { batchSize = 10, batchParallelism = 2, maxParallelBatches = 1 });
        await Eventually.HoldsAsync(() => target.TotalHits >= 2);
        await host.Api.CancelAsync(payload.Id);
        var canceled = await host.Api.WaitForResultsAsync(payload.Id, Polling.Within(TimeSpan.FromSeconds(30)));

        // Act
        var restartUri = $"{payload.RestartPostUri}?restartWithNewInstanceId=false";
        using var restart = await host.Http.PostAsync(new Uri(restartUri), null);
        var restarted = await ReadJsonAsync(restart);
        var done = await host.Api.WaitForResultsAsync(payload.Id, Polling.Within(TimeSpan.FromSeconds(60)));

        // Assert
        Assert.Equal("Terminated", canceled.RuntimeStatus);
        Assert.Equal(payload.Id, Id(restarted));
        Assert.Equal("Completed", done.RuntimeStatus);
        Assert.Equal(40, done.Succeeded);
        Assert.Equal(urls, done.Results.Select(r => r.Url));
    }

    [Fact]
    public async Task Purge_JobARestartedJobReads_Answers409NamingItUntilThatJobIsPurged()
    {
        // Arrange
        await using var target = await LatencyTarget.StartAsync(TimeSpan.Zero);
        await using var host = await InProcessHost.StartAsync(Settings());
        var original = await host.Api.StartAsync([target.Url("p0"), target.Url("p1")]);
        await host.Api.WaitForResultsAsync(original.Id, Polling.Within(TimeSpan.FromSeconds(30)));
        using var restart = await host.Http.PostAsync(new Uri(original.RestartPostUri), null);
        var restarted = await ReadJsonAsync(restart);
        await host.Api.WaitForResultsAsync(Id(restarted), Polling.Within(TimeSpan.FromSeconds(30)));

        // Act
        using var refused = await host.Http.DeleteAsync(new Uri(original.PurgeHistoryDeleteUri));
        using var restartedPurged = await host.Http.DeleteAsync(new Uri(restarted.GetProperty("purgeHistoryDeleteUri").GetString()!));
        using var originalPurged = await host.Http.DeleteAsync(new Uri(original.PurgeHistoryDeleteUri));

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains(Id(restarted), await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, restartedPurged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, originalPurged.StatusCode);
    }

    private HostSettings Settings() => new(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next());

    private static string Id(JsonElement payload) => payload.GetProperty("id").GetString()!;

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

}
