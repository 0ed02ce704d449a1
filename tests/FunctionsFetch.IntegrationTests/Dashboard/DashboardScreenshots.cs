using FunctionsFetch.IntegrationTests.Infrastructure;
using FunctionsFetch.Local;
using FunctionsFetch.Testing;
using Microsoft.Playwright;

namespace FunctionsFetch.IntegrationTests.Dashboard;

/// <summary>
/// The README's screenshots of the dashboard (the jobs list and a job's page), taken from a few jobs run against
/// loopback targets; only with <c>FETCH_SCREENSHOTS_DIR</c> set (scripts/dashboard-screenshots.sh).
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class DashboardScreenshots(AzuriteFixture azurite, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(3);

    [ScreenshotFact]
    public async Task Dashboard_AFewJobs_SavesTheJobsListAndAJobsPage()
    {
        // Arrange: three hosts of different speeds, some URLs that fail in different ways.
        var directory = Environment.GetEnvironmentVariable(ScreenshotFactAttribute.DirectoryVariable)!;
        Directory.CreateDirectory(directory);
        await using var fast = await LatencyTarget.StartAsync(TimeSpan.FromMilliseconds(40));
        await using var medium = await LatencyTarget.StartAsync(TimeSpan.FromMilliseconds(120));
        await using var slow = await LatencyTarget.StartAsync(TimeSpan.FromMilliseconds(400));
        await using var host = await InProcessHost.StartAsync(new HostSettings(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next()));
        var closedPort = FreePorts.Next();
        var small = await host.Api.StartAsync([fast.Url("index"), fast.Url("about"), medium.Url("contact")]);
        await host.Api.WaitForResultsAsync(small.Id, Polling.Within(JobTimeout));
        var canceled = await host.Api.StartAsync(Enumerable.Range(0, 400).Select(i => slow.Url($"archive/{i}")), new { concurrency = 4 });
        await Eventually.HoldsAsync(() => slow.TotalHits >= 12, TimeSpan.FromSeconds(60));
        await host.Api.CancelAsync(canceled.Id);
        var urls = Enumerable.Range(0, 1_200).Select(i => (i % 100) switch
        {
            7 or 57 => fast.FailingUrl($"page/{i}", status: 404),
            31 => medium.FailingUrl($"page/{i}", status: 500),
            77 => slow.Url($"page/{i}", TimeSpan.FromSeconds(3)),
            93 => $"http://127.0.0.1:{closedPort}/page/{i}",
            _ when i % 3 == 0 => slow.Url($"page/{i}", TimeSpan.FromMilliseconds(100 + (i * 37 % 500))),
            _ when i % 3 == 1 => medium.Url($"page/{i}"),
            _ => fast.Url($"page/{i}"),
        });
        var page = await chromium.OpenAsync(host);

        // Act: the job's page is open while it runs (small batches, so progress moves often), so its chart has the whole run.
        var started = await host.Api.StartAsync(urls, new { concurrency = 8, batchSize = 30, timeoutSeconds = 1, maxAttempts = 2 });
        await page.OpenAsync($"#/jobs/{started.Id}");
        await page.WaitForStatusAsync("Completed", JobTimeout);
        await page.FilterAsync("failed");
        // Down to the end of the table's 12th row, so the picture ends on a row's edge.
        var rowEnd = await page.ById("result-row").Nth(11).BoundingBoxAsync() ?? throw new InvalidOperationException("The table has fewer than 12 rows.");
        await page.Page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(directory, "dashboard-job.png"),
            FullPage = true,
            Clip = new Clip { X = 0, Y = 0, Width = 1280, Height = rowEnd.Y + rowEnd.Height + 1 },
        });
        await page.ById("job-retry-failed").ClickAsync();
        await page.ById("confirm-yes").ClickAsync();
        await page.WaitForJobPageAsync(otherThan: started.Id);
        await page.WaitForStatusAsync("Completed", JobTimeout);
        await page.OpenAsync("#/jobs");
        await Assertions.Expect(page.ById("job-row")).ToHaveCountAsync(4);
        var list = await page.Page.Locator(".card").First.BoundingBoxAsync() ?? throw new InvalidOperationException("No jobs table.");
        await page.Page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(directory, "dashboard-jobs.png"),
            Clip = new Clip { X = 0, Y = 0, Width = 1280, Height = list.Y + list.Height + 24 },
        });

        // Assert
        Assert.True(File.Exists(Path.Combine(directory, "dashboard-job.png")));
        Assert.True(File.Exists(Path.Combine(directory, "dashboard-jobs.png")));
        Assert.Empty(page.Problems);
    }
}
