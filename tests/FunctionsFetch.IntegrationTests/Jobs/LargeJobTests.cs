using System.Diagnostics;
using System.Text.Json;
using FunctionsFetch.IntegrationTests.Infrastructure;
using FunctionsFetch.Jobs;
using FunctionsFetch.Testing;
using Microsoft.DurableTask.Client;
using Xunit.Abstractions;

namespace FunctionsFetch.IntegrationTests.Jobs;

[Collection(AzuriteTests.Name)]
public sealed class LargeJobTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Theory]
    [InlineData(1_200, 1)]
    [InlineData(100_000, 100)]
    public async Task Job_ManyUrls_CompletesOnAzuriteWithEveryResultInOrder(int count, int batchSize)
    {
        // Arrange
        await using var target = await LatencyTarget.StartAsync(TimeSpan.Zero);
        var settings = new HostSettings(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next())
            .Set("Fetch:MaxUrlsPerJob", count);
        await using var host = await InProcessHost.StartAsync(settings);
        var urls = Enumerable.Range(0, count).Select(i => target.Url($"big{i}")).ToArray();
        var progress = new List<int>();
        var clock = Stopwatch.StartNew();

        // Act
        var started = await host.Api.StartAsync(urls, new { batchSize, batchParallelism = 50, maxParallelBatches = 10 });
        var id = started.GetProperty("id").GetString()!;
        await host.Api.WaitForJobAsync(id, TimeSpan.FromMinutes(10), status =>
        {
            progress.Add(status.GetProperty("completed").GetInt32());
            return Task.CompletedTask;
        });
        output.WriteLine($"{count:N0} URLs in {batchSize}-URL batches: {clock.Elapsed.TotalSeconds:F1} s; {progress.Count} progress polls.");

        // Assert: streamed back as NDJSON, one result per URL, in input order.
        using var response = await host.Api.Http.GetAsync(new Uri($"/api/fetch/{id}?format=ndjson", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("Completed", response.Headers.GetValues("x-fetch-runtime-status").Single());
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var index = 0;
        while (await reader.ReadLineAsync() is { Length: > 0 } line)
        {
            using var result = JsonDocument.Parse(line);
            Assert.Equal(index, result.RootElement.GetProperty("index").GetInt32());
            Assert.Equal(urls[index], result.RootElement.GetProperty("url").GetString());
            Assert.Equal(200, result.RootElement.GetProperty("statusCode").GetInt32());
            index++;
        }

        Assert.Equal(count, index);
        Assert.All(urls, url => Assert.True(target.HitsFor(url) >= 1, $"{url} was never fetched."));
        Assert.Equal(progress.Order(), progress);
        var instance = await host.DurableClient.GetInstanceAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance?.RuntimeStatus);
    }
}
