using FunctionsFetch.IntegrationTests.Infrastructure;
using FunctionsFetch.Local;
using FunctionsFetch.Testing;

namespace FunctionsFetch.IntegrationTests.Engine;

[Collection(AzuriteTests.Name)]
public sealed class ActivityLockRenewalTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Activity_LongerThanVisibilityTimeout_RunsOnceBecauseItsLockIsRenewed()
    {
        // Arrange: activity messages hide for 4 s; the only URL takes 14 s to answer.
        await using var target = await LatencyTarget.StartAsync(TimeSpan.FromSeconds(14));
        var settings = new HostSettings(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next())
            .Set("extensions:durableTask:storageProvider:workItemQueueVisibilityTimeout", "00:00:04");
        using var logs = new CapturedLogs();
        await using var host = await InProcessHost.StartAsync(settings, logs);
        var url = target.Url("long");

        // Act
        var id = (await host.Api.StartAsync([url], new { timeoutSeconds = 60, maxAttempts = 1 })).Id;
        var done = await host.Api.WaitForResultsAsync(id, Polling.Within(TimeSpan.FromMinutes(2)));

        // Without renewal the message reappears, is abandoned after a pop-receipt mismatch and runs again.
        await Task.Delay(TimeSpan.FromSeconds(5));

        // Assert
        Assert.Equal("Completed", done.RuntimeStatus);
        Assert.Equal(200, done.Results[0].StatusCode);
        Assert.Equal(1, target.HitsFor(url));
        Assert.Equal(0, logs.Count("processed multiple times"));
        Assert.Equal(0, logs.Count("PopReceiptMismatch"));
    }
}
