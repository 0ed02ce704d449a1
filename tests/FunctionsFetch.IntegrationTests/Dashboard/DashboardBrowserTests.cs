using System.Net.Http.Json;
using System.Text.Json;
using FunctionsFetch.IntegrationTests.Infrastructure;
using FunctionsFetch.Local;
using FunctionsFetch.Testing;
using Microsoft.Playwright;

namespace FunctionsFetch.IntegrationTests.Dashboard;

/// <summary>The dashboard in headless Chromium against the local host on Azurite and a loopback target.</summary>
[Collection(AzuriteTests.Name)]
public sealed class DashboardBrowserTests(AzuriteFixture azurite, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task JobPage_TwoHundredUrlsSubmitted_ShowsTheApiCountsTheFailedRowsAndDownloadsTheSameCsv()
    {
        // Arrange: 180 URLs that answer 200, 10 that answer 404 and 10 that answer 500.
        await using var target = await LatencyTarget.StartAsync(TimeSpan.Zero);
        await using var host = await InProcessHost.StartAsync(Settings());
        var urls = Enumerable.Range(0, 200).Select(i => (i % 20) switch
        {
            3 => target.FailingUrl($"n{i}", status: 404),
            13 => target.FailingUrl($"s{i}", status: 500),
            _ => target.Url($"u{i}"),
        }).ToList();
        var page = await chromium.OpenAsync(host);

        // Act
        var id = await page.StartJobAsync(urls);
        await page.WaitForStatusAsync("Completed", JobTimeout);
        var shown = new
        {
            Total = await page.CountAsync("job-total"),
            Completed = await page.CountAsync("job-completed"),
            Succeeded = await page.CountAsync("job-succeeded"),
            Failed = await page.CountAsync("job-failed"),
        };
        await page.FilterAsync("failed");
        var failedShown = await page.ShownUrlsAsync();
        var matched = await page.MatchedAsync();
        var csv = await page.DownloadAsync("download-csv");
        var api = await host.Http.GetFromJsonAsync<JsonElement>(new Uri($"/api/fetch/{id}", UriKind.Relative));
        var apiCsv = await host.Http.GetByteArrayAsync(new Uri($"/api/fetch/{id}?format=csv", UriKind.Relative));

        // Assert
        var apiFailed = api.GetProperty("results").EnumerateArray()
            .Where(r => r.GetProperty("error").ValueKind != JsonValueKind.Null || r.GetProperty("statusCode").GetInt32() >= 400)
            .Select(r => r.GetProperty("url").GetString()!)
            .ToList();
        Assert.Equal(200, api.GetProperty("total").GetInt32());
        Assert.Equal(api.GetProperty("total").GetInt32(), shown.Total);
        Assert.Equal(api.GetProperty("succeeded").GetInt32(), shown.Succeeded);
        Assert.Equal(api.GetProperty("failed").GetInt32(), shown.Failed);
        Assert.Equal(shown.Succeeded + shown.Failed, shown.Completed);
        Assert.Equal(20, shown.Failed);
        Assert.Equal(apiFailed, failedShown);
        Assert.Equal(20, matched);
        Assert.Equal(apiCsv, csv);
        Assert.Empty(page.Problems);
    }

    [Fact]
    public async Task JobPage_UrlWithAScriptTag_ShowsItAsTextAndRunsNothing()
    {
        // Arrange: the URL as a person pastes it, with the markup unencoded in its query.
        await using var target = await LatencyTarget.StartAsync(TimeSpan.Zero);
        await using var host = await InProcessHost.StartAsync(Settings());
        var script = target.Url("xss") + "?q=<script>alert(1)</script>";
        var page = await chromium.OpenAsync(host);

        // Act
        await page.StartJobAsync([target.Url("before"), script, target.Url("after")]);
        await page.WaitForStatusAsync("Completed", JobTimeout);
        await page.SearchAsync("<script>");
        var shown = await page.ShownUrlsAsync();
        var scripts = await page.Page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('script')].map(s => s.getAttribute('src') ?? 'inline')");
        var markup = await page.ById("results-table").InnerHTMLAsync();

        // Assert
        Assert.Equal([script], shown);
        Assert.Equal(["js/main.js"], scripts);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", markup, StringComparison.Ordinal);
        Assert.Empty(page.Dialogs);
        Assert.Empty(page.Problems);
    }

    [Fact]
    public async Task Dashboard_ApiKeySet_AsksForTheKeyOnceKeepsItInSessionStorageAndWorks()
    {
        // Arrange
        const string Key = "dashboard-key-1";
        await using var target = await LatencyTarget.StartAsync(TimeSpan.Zero);
        await using var host = await InProcessHost.StartAsync(Settings().Set("Fetch:ApiKey", Key));
        var page = await chromium.OpenAsync(host);

        // Act: the jobs list's first call answers 401, so the page asks; a wrong key is refused and asked again.
        await page.OpenAsync("#/jobs");
        await Assertions.Expect(page.ById("api-key-dialog")).ToBeVisibleAsync();
        await page.ById("api-key-input").FillAsync("wrong");
        await page.ById("api-key-submit").ClickAsync();
        await Assertions.Expect(page.ById("api-key-dialog")).ToContainTextAsync("refused");
        await page.ById("api-key-input").FillAsync(Key);
        await page.ById("api-key-submit").ClickAsync();
        await Assertions.Expect(page.ById("jobs-table")).ToBeVisibleAsync();
        var id = await page.StartJobAsync([target.Url("k1"), target.Url("k2")]);
        await page.WaitForStatusAsync("Completed", JobTimeout);
        var succeeded = await page.CountAsync("job-succeeded");
        var asksAgain = await page.ById("api-key-dialog").IsVisibleAsync();
        var session = await page.Page.EvaluateAsync<string?>("() => sessionStorage.getItem('functionsfetch.apiKey')");
        var local = await page.Page.EvaluateAsync<int>("() => localStorage.length");
        var cookies = await page.Page.Context.CookiesAsync();

        // Assert
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.Equal(2, succeeded);
        Assert.False(asksAgain);
        Assert.Equal(Key, session);
        Assert.Equal(0, local);
        Assert.Empty(cookies);
        Assert.Equal(2, target.TotalHits);
        Assert.Empty(page.Problems);
    }

    [Fact]
    public async Task JobsList_TwoJobs_ShowsBothNewestFirstAndOpensAJobsPage()
    {
        // Arrange
        await using var target = await LatencyTarget.StartAsync(TimeSpan.Zero);
        await using var host = await InProcessHost.StartAsync(Settings());
        var first = await host.Api.StartAsync([target.Url("a")]);
        await host.Api.WaitForResultsAsync(first.Id, Polling.Within(JobTimeout));
        var second = await host.Api.StartAsync([target.Url("b"), target.Url("c")]);
        await host.Api.WaitForResultsAsync(second.Id, Polling.Within(JobTimeout));
        var page = await chromium.OpenAsync(host);

        // Act
        await page.OpenAsync("#/jobs");
        await Assertions.Expect(page.ById("job-row")).ToHaveCountAsync(2);
        var rows = await page.ById("job-row").AllInnerTextsAsync();
        await page.ById("job-row").First.GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForStatusAsync("Completed", JobTimeout);
        var total = await page.CountAsync("job-total");

        // Assert
        Assert.StartsWith(second.Id, rows[0], StringComparison.Ordinal);
        Assert.StartsWith(first.Id, rows[1], StringComparison.Ordinal);
        Assert.EndsWith($"#/jobs/{second.Id}", page.Page.Url, StringComparison.Ordinal);
        Assert.Equal(2, total);
        Assert.Empty(page.Problems);
    }

    [Fact]
    public async Task JobPage_CancelAskedThenConfirmed_TerminatesTheJobOnlyAfterTheConfirmation()
    {
        // Arrange: 200 URLs of 500 ms, 2 at a time: about 50 s, so the job still runs when the buttons are used.
        await using var target = await LatencyTarget.StartAsync(TimeSpan.FromMilliseconds(500));
        await using var host = await InProcessHost.StartAsync(Settings());
        var started = await host.Api.StartAsync(Enumerable.Range(0, 200).Select(i => target.Url($"c{i}")), new { concurrency = 2 });
        var page = await chromium.OpenAsync(host);
        await page.OpenAsync($"#/jobs/{started.Id}");
        await page.WaitForStatusAsync("Running", JobTimeout);

        // Act: declined first, then confirmed.
        await page.ById("job-cancel").ClickAsync();
        await page.ById("confirm-no").ClickAsync();
        using var afterDecline = await host.Api.GetStatusAsync(started.Id);
        await page.ById("job-cancel").ClickAsync();
        await Assertions.Expect(page.ById("confirm-dialog")).ToContainTextAsync("Cancel this job?");
        await page.ById("confirm-yes").ClickAsync();
        await page.WaitForStatusAsync("Terminated", JobTimeout);
        var done = await page.CountAsync("job-completed");

        // Assert
        Assert.Equal("Running", afterDecline.Progress?.RuntimeStatus);
        Assert.InRange(done, 0, 199);
        Assert.False(await page.ById("job-cancel").IsVisibleAsync());
        Assert.Empty(page.Dialogs);
        Assert.Empty(page.Problems);
    }

    [Fact]
    public async Task JobPage_RetryFailedConfirmed_OpensTheNewJobWhichFetchesOnlyTheFailedUrls()
    {
        // Arrange: two URLs answer 500 to their first 3 hits (every attempt of the first job), then 200.
        await using var target = await LatencyTarget.StartAsync(TimeSpan.Zero);
        await using var host = await InProcessHost.StartAsync(Settings());
        string[] urls = [target.Url("ok1"), target.FailingUrl("f1", failFirst: 3), target.Url("ok2"), target.FailingUrl("f2", failFirst: 3)];
        var first = await host.Api.StartAsync(urls);
        await host.Api.WaitForResultsAsync(first.Id, Polling.Within(JobTimeout));
        var page = await chromium.OpenAsync(host);
        await page.OpenAsync($"#/jobs/{first.Id}");
        await page.WaitForStatusAsync("Completed", JobTimeout);
        var failedBefore = await page.CountAsync("job-failed");

        // Act
        await page.ById("job-retry-failed").ClickAsync();
        await Assertions.Expect(page.ById("confirm-dialog")).ToContainTextAsync("2 failed URLs");
        await page.ById("confirm-yes").ClickAsync();
        await page.WaitForJobPageAsync(otherThan: first.Id);
        await page.WaitForStatusAsync("Completed", JobTimeout);

        // Assert: the new job's results are the whole list, the two retried now succeeded.
        Assert.Equal(2, failedBefore);
        Assert.Equal(4, await page.CountAsync("job-total"));
        Assert.Equal(4, await page.CountAsync("job-succeeded"));
        Assert.Equal(0, await page.CountAsync("job-failed"));
        Assert.Equal(4, target.HitsFor(urls[1]));
        Assert.Equal(1, target.HitsFor(urls[0]));
        Assert.Empty(page.Dialogs);
        Assert.Empty(page.Problems);
    }

    [Fact]
    public async Task Dashboard_UnderTheFunctionsAppsApiDashboardRoute_CallsTheApiBesideIt()
    {
        // Arrange: the Functions app's dashboard triggers at /api/dashboard, the same API behind /api.
        await using var target = await LatencyTarget.StartAsync(TimeSpan.Zero);
        await using var host = await InProcessHost.StartAsync(Settings());
        await using var functionsApp = await FunctionsAppStandIn.StartAsync(host.Settings.BaseUri);
        var page = new DashboardPage(await chromium.Chromium.NewPageAsync(), functionsApp.BaseUri);

        // Act: the address without its slash, as a person types it.
        await page.Page.GotoAsync(new Uri(functionsApp.BaseUri, "/api/dashboard").AbsoluteUri);
        var landed = page.Page.Url;
        await page.Page.GotoAsync(new Uri(functionsApp.BaseUri, "/api/dashboard/#/new").AbsoluteUri);
        await page.ById("job-urls").FillAsync(string.Join('\n', target.Url("f1"), target.Url("f2"), target.Url("f3")));
        await page.ById("job-submit").ClickAsync();
        await page.WaitForStatusAsync("Completed", JobTimeout);

        // Assert
        Assert.Equal(new Uri(functionsApp.BaseUri, "/api/dashboard/").AbsoluteUri, landed);
        Assert.StartsWith(new Uri(functionsApp.BaseUri, "/api/dashboard/#/jobs/").AbsoluteUri, page.Page.Url, StringComparison.Ordinal);
        Assert.Equal(3, await page.CountAsync("job-succeeded"));
        Assert.Equal(3, target.TotalHits);
        Assert.Empty(page.Problems);
    }

    private HostSettings Settings() => new(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next());
}
