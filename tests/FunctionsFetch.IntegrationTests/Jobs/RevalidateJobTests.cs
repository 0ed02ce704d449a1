using System.Collections.Concurrent;
using System.Net;
using FunctionsFetch.IntegrationTests.Infrastructure;
using FunctionsFetch.Local;
using FunctionsFetch.Testing;
using Microsoft.AspNetCore.Http;

namespace FunctionsFetch.IntegrationTests.Jobs;

/// <summary><c>revalidate</c> end to end on Azurite, against a loopback target that honours ETags.</summary>
[Collection(AzuriteTests.Name)]
public sealed class RevalidateJobTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Job_RevalidatesAnEarlierJob_UnchangedUrlsAreNotModifiedAndOnlyChangedOnesServeBodies()
    {
        // Arrange: 20 pages, each with an ETag of its version; the first job saves their bodies.
        var target = new VersionedPages();
        await using var server = await LoopbackServer.StartAsync(target.HandleAsync);
        await using var host = await InProcessHost.StartAsync(new HostSettings(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next()));
        var urls = Enumerable.Range(0, 20).Select(i => server.Url($"/page/{i}")).ToArray();
        var first = await host.Api.StartAsync(urls, new { saveBodies = true });
        var before = await host.Api.WaitForResultsAsync(first.Id, Polling.Within(TimeSpan.FromMinutes(2)));
        string[] changed = ["/page/3", "/page/7", "/page/12"];
        foreach (var path in changed)
        {
            target.Change(path);
        }

        target.ResetCounts();

        // Act: the same list, reordered, with one URL the first job never saw.
        var second = urls.Reverse().Append(server.Url("/page/new")).ToArray();
        var started = await host.Api.StartAsync(second, new { revalidate = first.Id });
        var after = await host.Api.WaitForResultsAsync(started.Id, Polling.Within(TimeSpan.FromMinutes(2)));
        using var keptBody = await host.Api.GetBodyAsync(started.Id, 0);
        using var refusedPurge = await host.Http.DeleteAsync(new Uri(first.PurgeHistoryDeleteUri));

        // Assert
        var earlier = before.Results.ToDictionary(r => r.Url);
        foreach (var row in after.Results)
        {
            var path = new Uri(row.Url).AbsolutePath;
            var unchanged = earlier.ContainsKey(row.Url) && !changed.Contains(path);
            Assert.Equal(unchanged ? 304 : 200, row.StatusCode);
            Assert.Equal(unchanged, row.NotModified);
            if (unchanged)
            {
                Assert.Equal((earlier[row.Url].Sha256, earlier[row.Url].Bytes, earlier[row.Url].BodyBlob), (row.Sha256, row.Bytes, row.BodyBlob));
            }
            else
            {
                Assert.Null(row.BodyBlob);
            }
        }

        Assert.Equal(21, after.Succeeded);
        Assert.Equal(second, after.Results.Select(r => r.Url));
        Assert.Equal(changed.Append("/page/new").Order(), target.BodiesServed.Keys.Order());
        Assert.All(target.BodiesServed.Values, count => Assert.Equal(1, count));
        Assert.Equal(17, target.NotModifiedServed);
        Assert.Equal(await target.BodyOfAsync("/page/19"), await keptBody.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Conflict, refusedPurge.StatusCode);
        Assert.Contains(started.Id, await refusedPurge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Pages whose ETag is their version: a matching If-None-Match gets a 304 and no body.</summary>
    private sealed class VersionedPages
    {
        private readonly ConcurrentDictionary<string, int> _versions = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, int> BodiesServed { get; } = new(StringComparer.Ordinal);

        public int NotModifiedServed => _notModified;

        private int _notModified;

        public void Change(string path) => _versions.AddOrUpdate(path, 2, (_, version) => version + 1);

        public void ResetCounts()
        {
            BodiesServed.Clear();
            Interlocked.Exchange(ref _notModified, 0);
        }

        public Task<byte[]> BodyOfAsync(string path) => Task.FromResult(Body(path, _versions.GetValueOrDefault(path, 1)));

        public async Task HandleAsync(HttpContext context)
        {
            var path = context.Request.Path.Value!;
            var version = _versions.GetValueOrDefault(path, 1);
            var etag = $"\"v{version}\"";
            context.Response.Headers.ETag = etag;
            if (context.Request.Headers.IfNoneMatch.ToString() == etag)
            {
                Interlocked.Increment(ref _notModified);
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }

            BodiesServed.AddOrUpdate(path, 1, (_, count) => count + 1);
            context.Response.ContentType = "text/plain";
            await context.Response.Body.WriteAsync(Body(path, version));
        }

        private static byte[] Body(string path, int version) => System.Text.Encoding.UTF8.GetBytes($"{path} version {version}");
    }
}
