using System.Collections.Concurrent;
using FunctionsFetch.IntegrationTests.Infrastructure;
using FunctionsFetch.Local;
using FunctionsFetch.Testing;
using Microsoft.AspNetCore.Http;

namespace FunctionsFetch.IntegrationTests.Jobs;

/// <summary><c>respectRobots</c> end to end: the local host on real Azurite against a loopback site with a robots.txt.</summary>
[Collection(AzuriteTests.Name)]
public sealed class LocalHostRobotsTests(AzuriteFixture azurite)
{
    private const string RobotsTxt = """
        User-agent: *
        Disallow: /

        User-agent: FunctionsFetch
        Disallow: /private/
        Disallow: /*.pdf$
        Allow: /private/open
        """;

    [Fact]
    public async Task Job_RespectRobots_DisallowedUrlsEndDisallowedByRobotsAndAreNeverRequested()
    {
        // Arrange
        var hits = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        await using var target = await LoopbackServer.StartAsync(context =>
        {
            hits.AddOrUpdate(context.Request.Path.Value + context.Request.QueryString.Value, 1, (_, n) => n + 1);
            return context.Request.Path == "/robots.txt" ? context.Response.WriteAsync(RobotsTxt) : context.Response.WriteAsync("page");
        });
        await using var host = await InProcessHost.StartAsync(new HostSettings(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next()));
        string[] paths = ["/a", "/private/secret", "/private/open/page", "/doc.pdf", "/doc.pdf?download=1", "/b", "/private/other"];
        var urls = paths.Select(target.Url).ToArray();

        // Act: several batches fetching at once, all asking the same robots.txt.
        var started = await host.Api.StartAsync(urls, new { respectRobots = true, batchSize = 2, batchParallelism = 2, maxParallelBatches = 4 });
        var done = await host.Api.WaitForResultsAsync(started.Id, Polling.Within(TimeSpan.FromMinutes(2)));

        // Assert
        Assert.Equal("Completed", done.RuntimeStatus);
        var results = done.Results.ToArray();
        string[] disallowed = ["/private/secret", "/doc.pdf", "/private/other"];
        foreach (var (path, result) in paths.Zip(results))
        {
            if (disallowed.Contains(path))
            {
                Assert.Equal("disallowedByRobots", result.Error?.Kind);
                Assert.Equal(0, result.Attempts);
                Assert.Null(result.StatusCode);
                Assert.Equal(0, hits.GetValueOrDefault(path));
            }
            else
            {
                Assert.Null(result.Error);
                Assert.Equal(200, result.StatusCode);
                Assert.Equal(1, hits.GetValueOrDefault(path));
            }
        }

        Assert.Contains("Disallow: /private/", results[1].Error!.Message, StringComparison.Ordinal);
        Assert.Equal(3, done.Failed);
        Assert.Equal(4, done.Succeeded);
        Assert.Equal(1, hits.GetValueOrDefault("/robots.txt"));
    }

    [Fact]
    public async Task Job_RespectRobotsLeftOut_NeverAsksForRobotsTxt()
    {
        // Arrange
        var robotsHits = 0;
        await using var target = await LoopbackServer.StartAsync(context =>
        {
            if (context.Request.Path == "/robots.txt")
            {
                Interlocked.Increment(ref robotsHits);
            }

            return context.Response.WriteAsync(RobotsTxt);
        });
        await using var host = await InProcessHost.StartAsync(new HostSettings(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next()));

        // Act
        var started = await host.Api.StartAsync([target.Url("/private/secret")], new { batchSize = 1 });
        var done = await host.Api.WaitForResultsAsync(started.Id, Polling.Within(TimeSpan.FromMinutes(2)));

        // Assert
        Assert.Equal(200, done.Results.Single().StatusCode);
        Assert.Equal(0, robotsHits);
    }
}
