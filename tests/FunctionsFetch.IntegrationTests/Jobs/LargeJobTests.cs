using System.Diagnostics;
using FunctionsFetch.Client;
using FunctionsFetch.IntegrationTests.Infrastructure;
using FunctionsFetch.Jobs;
using FunctionsFetch.Local;
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
        var started = await host.Api.StartAsync(urls, new { concurrency = 500, batchSize, batchParallelism = 50, maxParallelBatches = 10 });
        var id = started.Id;
        using var results = await host.Api.WaitAsync(id, ResultFormat.Ndjson, Polling.Within(TimeSpan.FromMinutes(10)), status => progress.Add(status.Completed));
        output.WriteLine($"{count:N0} URLs in {batchSize}-URL batches: {clock.Elapsed.TotalSeconds:F1} s; {progress.Count} progress polls.");

        // Assert: streamed back as NDJSON, one result per URL, in input order.
        Assert.Equal("Completed", results.Counts?.RuntimeStatus);
        var index = 0;
        await foreach (var result in results.ReadRowsAsync())
        {
            Assert.Equal(index, result.Index);
            Assert.Equal(urls[index], result.Url);
            Assert.Equal(200, result.StatusCode);
            index++;
        }

        Assert.Equal(count, index);
        Assert.All(urls, url => Assert.True(target.HitsFor(url) >= 1, $"{url} was never fetched."));
        Assert.Equal(progress.Order(), progress);
        var instance = await host.DurableClient.GetInstanceAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance?.RuntimeStatus);
    }
}
