using System.Collections.Concurrent;
using System.Diagnostics;

namespace FunctionsFetch.Bench;

/// <summary>The pattern FunctionsFetch replaces: C workers on one queue in one process, results stored by index.</summary>
public static class SeedPool
{
    /// <summary>Fetches every URL, or stops once <paramref name="stopAfter"/> are done (a crash: the results are lost with the process).</summary>
    public static async Task<(TimeSpan Wall, int Results)> RunAsync(IReadOnlyList<string> urls, int workers, int? stopAfter = null)
    {
        ArgumentNullException.ThrowIfNull(urls);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(1) };
        var queue = new ConcurrentQueue<int>(Enumerable.Range(0, urls.Count));
        var results = new int?[urls.Count];
        var done = 0;
        var limit = stopAfter ?? urls.Count;
        var clock = Stopwatch.StartNew();
        var pool = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (Volatile.Read(ref done) < limit && queue.TryDequeue(out var index))
            {
                using var response = await client.GetAsync(new Uri(urls[index]));
                await response.Content.ReadAsByteArrayAsync();
                results[index] = (int)response.StatusCode;
                Interlocked.Increment(ref done);
            }
        }));
        await Task.WhenAll(pool);
        return (clock.Elapsed, results.Count(r => r is not null));
    }
}
