using System.Net;
using System.Text.Json;
using FunctionsFetch.Api;
using FunctionsFetch.Functions;
using FunctionsFetch.IntegrationTests.Infrastructure;
using FunctionsFetch.Local;
using FunctionsFetch.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsFetch.IntegrationTests.Api;

/// <summary>The Functions app's own trigger functions, given a real <c>DurableTaskClient</c> on the local engine.</summary>
[Collection(AzuriteTests.Name)]
public sealed class FunctionsTriggersOnLocalEngineTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task StartFetch_RealClient_StartsAJobWhoseStatusUrlsWork()
    {
        // Arrange
        await using var target = await LatencyTarget.StartAsync(TimeSpan.FromMilliseconds(50));
        await using var host = await InProcessHost.StartAsync(new HostSettings(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next()));
        var harness = new FunctionsHarness();
        var urls = Enumerable.Range(0, 12).Select(i => target.Url($"fn{i}")).ToArray();
        var body = JsonSerializer.Serialize(new { urls, options = new { batchSize = 5 } });
        var request = harness.Request("POST", new Uri(host.Settings.BaseUri, "/api/fetch").AbsoluteUri, body, "application/json");

        // Act
        var response = await FunctionsHarness.ExecuteAsync(await new FetchStarter(host.Services.GetRequiredService<StartJobHandler>()).StartFetch(request, host.DurableClient, harness.Context.Object));

        // Assert: the payload's status URI is served by the local host's Durable API until the job completes.
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var payload = response.ReadJson();
        var id = payload.RootElement.GetProperty("id").GetString()!;
        var statusUri = new Uri(payload.RootElement.GetProperty("statusQueryGetUri").GetString()!);
        Assert.Equal(host.Settings.BaseUri.Authority, statusUri.Authority);
        JsonElement status;
        HttpStatusCode code;
        do
        {
            using var poll = await host.Http.GetAsync(statusUri);
            code = poll.StatusCode;
            status = JsonDocument.Parse(await poll.Content.ReadAsStringAsync()).RootElement.Clone();
            Assert.Contains(code, new[] { HttpStatusCode.Accepted, HttpStatusCode.OK });
            await Task.Delay(100);
        }
        while (code == HttpStatusCode.Accepted);

        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        Assert.Equal(id, status.GetProperty("instanceId").GetString());

        // And the Functions app's status function reads the results through the same client.
        var statusResponse = await FunctionsHarness.ExecuteAsync(await new FetchStatus(host.Services.GetRequiredService<JobStatusHandler>()).GetFetchStatus(harness.Request("GET", $"/api/fetch/{id}"), host.DurableClient, id, harness.Context.Object));
        Assert.Equal(HttpStatusCode.OK, statusResponse.StatusCode);
        using var results = statusResponse.ReadJson();
        Assert.Equal(urls, results.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("url").GetString()));

        // And its results-page function gives the same results, in batch finish order, all on one page.
        var pageResponse = await FunctionsHarness.ExecuteAsync(await new FetchResultsPage(host.Services.GetRequiredService<JobResultsPageHandler>()).GetFetchResultsPage(
            harness.Request("GET", $"/api/fetch/{id}/results?format=json&limit=100"), host.DurableClient, id, harness.Context.Object));
        Assert.Equal(HttpStatusCode.OK, pageResponse.StatusCode);
        using var page = pageResponse.ReadJson();
        Assert.True(page.RootElement.GetProperty("complete").GetBoolean());
        Assert.Equal(urls, page.RootElement.GetProperty("results").EnumerateArray().OrderBy(r => r.GetProperty("index").GetInt32()).Select(r => r.GetProperty("url").GetString()));
    }
}
