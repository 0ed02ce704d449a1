using System.Net;
using System.Text.Json;
using FunctionsFetch.IntegrationTests.Infrastructure;
using FunctionsFetch.Local;
using FunctionsFetch.Testing;

namespace FunctionsFetch.IntegrationTests.Api;

/// <summary>The routes a dashboard reads, on the local host and real Azurite: the job list, a job's summary and its filtered rows.</summary>
[Collection(AzuriteTests.Name)]
public sealed class DashboardApiTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task List_FiveJobsTwoAPage_NewestFirstAcrossPagesWithNoneTwice()
    {
        // Arrange
        await using var target = await LatencyTarget.StartAsync(TimeSpan.Zero);
        await using var host = await InProcessHost.StartAsync(new HostSettings(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next()));
        var started = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            started.Add((await host.Api.StartAsync([target.Url($"j{i}")])).Id);
        }

        // Act
        var listed = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var query = token is null ? "?top=2" : $"?top=2&continuationToken={Uri.EscapeDataString(token)}";
            using var response = await host.Http.GetAsync(new Uri($"/api/fetch{query}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            listed.AddRange(json.RootElement.EnumerateArray().Select(j => j.GetProperty("id").GetString()!));
            token = response.Headers.TryGetValues("x-ms-continuation-token", out var values) ? values.Single() : null;
            pages++;
        }
        while (token is not null && pages < 10);

        // Assert
        Assert.Equal(started.AsEnumerable().Reverse(), listed);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task SummaryAndRows_EndedJob_CountTheStoredResultsAndFilterTheFailedOnes()
    {
        // Arrange: 30 URLs, 5 answering 404 and 3 answering 500.
        await using var target = await LatencyTarget.StartAsync(TimeSpan.Zero);
        await using var host = await InProcessHost.StartAsync(new HostSettings(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next()));
        var urls = Enumerable.Range(0, 30)
            .Select(i => i switch { < 5 => target.FailingUrl($"missing{i}", status: 404), < 8 => target.FailingUrl($"broken{i}", status: 500), _ => target.Url($"ok{i}") })
            .ToArray();
        var started = await host.Api.StartAsync(urls, new { maxAttempts = 1 });
        var done = await host.Api.WaitForResultsAsync(started.Id, Polling.Within(TimeSpan.FromMinutes(1)));

        // Act
        using var summary = await GetJsonAsync(host, $"/api/fetch/{started.Id}/summary");
        using var failed = await GetJsonAsync(host, $"/api/fetch/{started.Id}/rows?outcome=failed&limit=5");
        using var serverErrors = await GetJsonAsync(host, $"/api/fetch/{started.Id}/rows?statusMin=500&statusMax=599");

        // Assert
        var root = summary.RootElement;
        Assert.Equal((30, 22, 8), (root.GetProperty("total").GetInt32(), root.GetProperty("succeeded").GetInt32(), root.GetProperty("failed").GetInt32()));
        Assert.Equal((22, 5, 3), (root.GetProperty("byOutcome").GetProperty("2xx").GetInt32(), root.GetProperty("byOutcome").GetProperty("4xx").GetInt32(), root.GetProperty("byOutcome").GetProperty("5xx").GetInt32()));
        Assert.Equal(done.Failed, failed.RootElement.GetProperty("matched").GetInt32());
        Assert.Equal([0, 1, 2, 3, 4], failed.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("index").GetInt32()));
        Assert.Equal([5, 6, 7], serverErrors.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("index").GetInt32()));
    }

    private static async Task<JsonDocument> GetJsonAsync(InProcessHost host, string path)
    {
        using var response = await host.Http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
