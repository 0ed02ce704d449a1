using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using FunctionsFetch.Local;

namespace FunctionsFetch.Bench;

/// <summary>FunctionsFetch's local host in this process, on memory or on Azurite, driven through its HTTP API.</summary>
public static class LocalHostContender
{
    public static async Task<(TimeSpan Wall, int Results)> RunAsync(IReadOnlyList<string> urls, BatchPlan plan, string? storage)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var port = FreePort();
        string[] args =
        [
            $"--urls=http://127.0.0.1:{port}",
            $"--extensions:durableTask:hubName=Bench{Guid.NewGuid():N}"[..30],
            $"--extensions:durableTask:maxConcurrentActivityFunctions={plan.ParallelBatches}",
            $"--Local:WorkerId=bench-{port}",
            "--Local:StartAzurite=false",
            storage is null ? "--Local:InMemory=true" : $"--AzureWebJobsStorage={storage}",
            $"--Fetch:Limits:BatchSize={Math.Max(plan.BatchSize, 1000)}",
            $"--Fetch:MaxUrlsPerJob={Math.Max(urls.Count, 1)}",
            "--Logging:LogLevel:Default=Warning",
            "--Fetch:AllowPrivateNetworks=true",
            $"--Fetch:MaxConcurrencyPerHost={plan.InFlight}",
        ];
        await using var app = LocalFetchHost.Build(args);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(2) };

        var clock = Stopwatch.StartNew();
        using var start = await http.PostAsJsonAsync(new Uri("/api/fetch", UriKind.Relative), new
        {
            urls,
            options = new { batchSize = plan.BatchSize, batchParallelism = plan.BatchParallelism, maxParallelBatches = plan.ParallelBatches },
        });
        start.EnsureSuccessStatusCode();
        var id = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        // Polled finely, so the measurement is the engine's time, not a client's wait loop.
        while (true)
        {
            using var status = await http.GetAsync(new Uri($"/api/fetch/{id}", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
            if (status.StatusCode == HttpStatusCode.OK)
            {
                var body = await status.Content.ReadFromJsonAsync<JsonElement>();
                var wall = clock.Elapsed;
                await app.StopAsync();
                return (wall, body.GetProperty("results").GetArrayLength());
            }

            await Task.Delay(20);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
