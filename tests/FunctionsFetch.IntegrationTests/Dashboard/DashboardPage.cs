using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace FunctionsFetch.IntegrationTests.Dashboard;

/// <summary>
/// The dashboard in a browser tab, driven through its <c>data-testid</c> hooks as a person would use it, recording
/// what must never happen: a dialog (alert, confirm), an uncaught script error, a Content-Security-Policy violation.
/// </summary>
public sealed partial class DashboardPage
{
    private readonly List<string> _dialogs = [];
    private readonly List<string> _scriptErrors = [];
    private readonly List<string> _cspViolations = [];
    private readonly ConcurrentQueue<string> _traffic = new();
    private readonly Stopwatch _opened = Stopwatch.StartNew();

    public DashboardPage(IPage page, Uri host)
    {
        ArgumentNullException.ThrowIfNull(page);
        Page = page;
        Host = host;
        page.Dialog += async (_, dialog) =>
        {
            _dialogs.Add($"{dialog.Type}: {dialog.Message}");
            await dialog.DismissAsync();
        };
        page.PageError += (_, error) => _scriptErrors.Add(error);
        page.Request += (_, request) => Record($"{request.Method} {request.Url}");
        page.Response += (_, response) => Record($"{response.Status} for {response.Request.Method} {response.Url}");
        page.RequestFailed += (_, request) => Record($"failed: {request.Method} {request.Url} ({request.Failure})");
        page.Crash += (_, _) => Record("the page crashed");
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                _cspViolations.Add(message.Text);
            }
        };
    }

    public IPage Page { get; }

    public Uri Host { get; }

    public IReadOnlyList<string> Dialogs => _dialogs;

    /// <summary>The uncaught script errors and Content-Security-Policy violations so far: none, in a working page.</summary>
    public IReadOnlyList<string> Problems => [.. _scriptErrors, .. _cspViolations];

    /// <summary>What the page sent and got, with the time since it opened, for a failure's message.</summary>
    private void Record(string line)
    {
        _traffic.Enqueue($"{_opened.ElapsedMilliseconds} ms: {line}");
        while (_traffic.Count > 40 && _traffic.TryDequeue(out _))
        {
        }
    }

    public ILocator ById(string testId) => Page.GetByTestId(testId);

    /// <summary>Opens the dashboard at a hash route (<c>#/jobs</c>, <c>#/new</c>, <c>#/jobs/{id}</c>).</summary>
    public async Task OpenAsync(string route = "#/jobs") =>
        await Page.GotoAsync(new Uri(Host, "/" + route).AbsoluteUri);

    /// <summary>Pastes the URLs into the new-job form, submits it and waits for the job's page; returns the job id.</summary>
    public async Task<string> StartJobAsync(IEnumerable<string> urls)
    {
        await OpenAsync("#/new");
        await ById("job-urls").FillAsync(string.Join('\n', urls));
        await ById("job-submit").ClickAsync();
        try
        {
            return await WaitForJobPageAsync();
        }
        catch (PlaywrightException exception)
        {
            throw new TimeoutException(
                $"The job's page did not open; the page shows: '{await Page.Locator("#banner").InnerTextAsync()}' at {Page.Url}; its traffic: {string.Join(" | ", _traffic)}",
                exception);
        }
    }

    /// <summary>
    /// Waits until the tab shows a job's page (another job's than <paramref name="otherThan"/>, when given) and returns its id.
    /// It polls the tab's URL: waiting for a navigation event missed the page's own hash change when that came first (CI, twice).
    /// </summary>
    public async Task<string> WaitForJobPageAsync(string? otherThan = null)
    {
        var route = otherThan is null ? JobRoute() : new Regex($"#/jobs/(?!{Regex.Escape(Uri.EscapeDataString(otherThan))}$)([^/?#]+)$");
        await Assertions.Expect(Page).ToHaveURLAsync(route, new PageAssertionsToHaveURLOptions { Timeout = 60_000 });
        return Uri.UnescapeDataString(route.Match(Page.Url).Groups[1].Value);
    }

    /// <summary>Waits until <c>job-status</c> reads <paramref name="runtimeStatus"/>.</summary>
    public async Task WaitForStatusAsync(string runtimeStatus, TimeSpan within) =>
        await Assertions.Expect(ById("job-status")).ToHaveTextAsync(runtimeStatus, new LocatorAssertionsToHaveTextOptions { Timeout = (float)within.TotalMilliseconds });

    /// <summary>A count hook's text read as a bare integer (it fails on separators or anything else).</summary>
    public async Task<int> CountAsync(string testId) =>
        int.Parse(await ById(testId).InnerTextAsync(), NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>Chooses a value of <c>error-filter</c> (<c>failed</c>, <c>succeeded</c>, <c>kind:timeout</c>…) and waits for the table.</summary>
    public async Task FilterAsync(string value)
    {
        await ById("error-filter").SelectOptionAsync(value);
        await WaitForTableAsync();
    }

    /// <summary>Types into the URL text filter and waits for the table.</summary>
    public async Task SearchAsync(string text)
    {
        await ById("url-filter").FillAsync(text);
        await WaitForTableAsync();
    }

    /// <summary>The URLs the results table shows, as text, top to bottom.</summary>
    public async Task<IReadOnlyList<string>> ShownUrlsAsync() =>
        await ById("result-url").AllInnerTextsAsync();

    /// <summary>How many results match the table's filters, as the table says.</summary>
    public async Task<int> MatchedAsync() =>
        int.Parse(await ById("results-table").GetAttributeAsync("data-matched") ?? "-1", CultureInfo.InvariantCulture);

    /// <summary>Clicks a download button and returns the bytes the browser saved.</summary>
    public async Task<byte[]> DownloadAsync(string testId)
    {
        var download = await Page.RunAndWaitForDownloadAsync(() => ById(testId).ClickAsync());
        var path = await download.PathAsync();
        return await File.ReadAllBytesAsync(path);
    }

    private async Task WaitForTableAsync() =>
        await Assertions.Expect(ById("results-table")).ToHaveAttributeAsync("data-state", "ready", new LocatorAssertionsToHaveAttributeOptions { Timeout = 30_000 });

    [GeneratedRegex("#/jobs/([^/?#]+)$")]
    private static partial Regex JobRoute();
}
