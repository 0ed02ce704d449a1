using FunctionsFetch.IntegrationTests.Infrastructure;
using FunctionsFetch.Local;
using FunctionsFetch.Local.Storage;
using FunctionsFetch.Testing;
using Xunit.Abstractions;

namespace FunctionsFetch.IntegrationTests.Storage;

/// <summary>The Azurite a host starts outlives a crash of that host, is reused by its next start and stopped by its graceful exit.</summary>
[Collection(AzuriteTests.Name)]
public sealed class AzuriteLauncherTests(ITestOutputHelper output)
{
    [Fact(Timeout = 240_000)]
    public async Task HostKilled_ItsAzuriteKeepsRunningTheNextStartReusesItAndAGracefulStopStopsIt()
    {
        // Arrange: a host that starts its own Azurite on free ports, with a data folder of this test's own.
        int[] ports = [FreePorts.Next(), FreePorts.Next(), FreePorts.Next()];
        var data = Directory.CreateTempSubdirectory("azurite-launcher-").FullName;
        await using var target = await LatencyTarget.StartAsync(TimeSpan.FromMilliseconds(200));
        var settings = new HostSettings(AzuriteFixture.NewHubName(), AzuriteInstance.ConnectionStringFor(ports), FreePorts.Next())
            .Set("Local:StartAzurite", "true")
            .Set("Local:AzuriteDataPath", data);
        var urls = Enumerable.Range(0, 200).Select(i => target.Url($"launcher{i}")).ToArray();
        AzuriteInstance? azurite = null;
        try
        {
            string id;
            await using (var first = await HostProcess.StartAsync(settings))
            {
                id = (await first.Api.StartAsync(urls, new { batchSize = 10, batchParallelism = 5, maxParallelBatches = 4 })).Id;
                await JobProgress.WaitAsync(first.Api, id, atLeast: 40);

                // Act: the host crashes.
                await first.KillAsync();
            }

            // Assert: storage did not go down with it.
            azurite = AzuriteInstance.FindDetached(data, ports);
            Assert.NotNull(azurite);
            Assert.True(await AzuriteLauncher.IsListeningAsync(ports[0], CancellationToken.None), "Azurite stopped with the host that started it.");

            // Act: the next start reuses it and finishes the job.
            await using var second = await HostProcess.StartAsync(settings);
            var done = await second.Api.WaitForResultsAsync(id, Polling.Within(TimeSpan.FromMinutes(2)));
            Assert.Equal("Completed", done.RuntimeStatus);
            Assert.Equal(urls, done.Results.Select(r => r.Url));
            Assert.All(done.Results, r => Assert.Equal(200, r.StatusCode));
            using (var serving = AzuriteInstance.FindDetached(data, ports))
            {
                // The same process still serves the data folder: the second host started no Azurite of its own.
                Assert.Equal(azurite.ProcessId, serving?.ProcessId);
                Assert.False(azurite.HasExited);
            }

            // Act: a graceful stop.
            await second.StopAsync();

            // Assert: Azurite was stopped with it (asked to, so it saved its data).
            Assert.True(azurite.HasExited, "Azurite kept running after its host stopped gracefully.");
            Assert.False(await AzuriteLauncher.IsListeningAsync(ports[0], CancellationToken.None));
            output.WriteLine(string.Join(Environment.NewLine, second.Output.Where(line => line.Contains("Azurite", StringComparison.Ordinal))));
        }
        finally
        {
            if (azurite is { HasExited: false })
            {
                await azurite.StopAsync(TimeSpan.FromSeconds(10));
            }

            azurite?.Dispose();
            Directory.Delete(data, recursive: true);
        }
    }
}
