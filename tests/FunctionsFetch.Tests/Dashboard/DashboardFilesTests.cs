using System.Text;
using System.Text.RegularExpressions;
using FunctionsFetch.Dashboard;

namespace FunctionsFetch.Tests.Dashboard;

/// <summary>The embedded dashboard files: what is served, and what the page's source may and may not do under its CSP.</summary>
public sealed partial class DashboardFilesTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("index.html")]
    public void Find_EmptyOrIndex_IsThePage(string? path)
    {
        // Act
        var file = DashboardFiles.Find(path);

        // Assert
        Assert.NotNull(file);
        Assert.Equal("index.html", file.Path);
        Assert.Equal("text/html; charset=utf-8", file.ContentType);
    }

    [Theory]
    [InlineData("../FunctionsFetch.Core.dll")]
    [InlineData("wwwroot/index.html")]
    [InlineData("Dashboard/index.html")]
    [InlineData("JS/MAIN.JS")]
    [InlineData("js/")]
    [InlineData("/index.html")]
    public void Find_NoFileOfTheDashboard_IsNull(string path)
    {
        // Act
        var file = DashboardFiles.Find(path);

        // Assert
        Assert.Null(file);
    }

    [Fact]
    public void Paths_TheEmbeddedFiles_AreThePageItsStylesAndItsModules()
    {
        // Act
        var paths = DashboardFiles.Paths;

        // Assert
        Assert.Contains("index.html", paths);
        Assert.Contains("app.css", paths);
        Assert.Contains("js/main.js", paths);
        Assert.All(paths, p => Assert.Matches("^(index\\.html|app\\.css|favicon\\.svg|js/[a-z-]+\\.js)$", p));
    }

    [Fact]
    public void Index_UnderTheCsp_HasNoInlineScriptStyleOrHandler()
    {
        // Act
        var html = Text("index.html");

        // Assert
        Assert.All(ScriptTag().Matches(html), tag => Assert.Contains(" src=", tag.Value, StringComparison.Ordinal));
        Assert.DoesNotMatch("<style", html);
        Assert.DoesNotMatch("\\sstyle=", html);
        Assert.DoesNotMatch("\\son[a-z]+=", html);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
    }

    [Fact]
    public void Scripts_DataShownAsText_NeverParseHtmlOrCode()
    {
        // Act
        var offending = Scripts()
            .SelectMany(path => HtmlOrCodeSink().Matches(Text(path)).Select(m => $"{path}: {m.Value}"))
            .ToList();

        // Assert
        Assert.Empty(offending);
    }

    [Fact]
    public void Scripts_EveryImport_IsAFileOfTheDashboard()
    {
        // Act: no bundler, so a module imports its siblings by relative path.
        var imports = Scripts()
            .SelectMany(path => Import().Matches(Text(path)).Select(m => "js/" + m.Groups[1].Value))
            .Distinct()
            .ToList();

        // Assert
        Assert.NotEmpty(imports);
        Assert.All(imports, path => Assert.NotNull(DashboardFiles.Find(path)));
    }

    [Theory]
    [InlineData("job-form")]
    [InlineData("job-urls")]
    [InlineData("job-submit")]
    [InlineData("job-status")]
    [InlineData("job-total")]
    [InlineData("job-completed")]
    [InlineData("job-succeeded")]
    [InlineData("job-failed")]
    [InlineData("results-table")]
    [InlineData("error-filter")]
    public void Scripts_TestHook_IsSetOnce(string testId)
    {
        // Act
        var uses = Scripts().Sum(path => Regex.Count(Text(path), $"testid: '{testId}'"));

        // Assert
        Assert.Equal(1, uses);
    }

    [Fact]
    public void Scripts_CsvDownloadHook_IsTheCsvButtons()
    {
        // Act: the download buttons are made per format as `download-${format}`.
        var jobView = Text("js/job-view.js");

        // Assert
        Assert.Contains("testid: `download-${format}`", jobView, StringComparison.Ordinal);
        Assert.Contains("['json', 'ndjson', 'csv']", jobView, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Scripts() => DashboardFiles.Paths.Where(p => p.EndsWith(".js", StringComparison.Ordinal));

    private static string Text(string path) => Encoding.UTF8.GetString(DashboardFiles.Find(path)!.Content.Span);

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptTag();

    [GeneratedRegex(@"\.(innerHTML|outerHTML|insertAdjacentHTML)\b|document\.write|\beval\(|new Function\(|setTimeout\(\s*['""`]|createContextualFragment")]
    private static partial Regex HtmlOrCodeSink();

    [GeneratedRegex(@"from '\./([a-z-]+\.js)'")]
    private static partial Regex Import();
}
