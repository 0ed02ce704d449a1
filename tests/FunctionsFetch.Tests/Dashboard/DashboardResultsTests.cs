using System.Net;
using FunctionsFetch.Dashboard;
using FunctionsFetch.Testing;

namespace FunctionsFetch.Tests.Dashboard;

/// <summary>The dashboard's answers in both hosts: the file's bytes and type under the CSP, or a bare 404.</summary>
public sealed class DashboardResultsTests
{
    [Theory]
    [InlineData("app.css", "text/css; charset=utf-8")]
    [InlineData("js/main.js", "text/javascript; charset=utf-8")]
    [InlineData("favicon.svg", "image/svg+xml")]
    public async Task File_KnownPath_AnswersItsBytesAndTypeUnderTheCsp(string path, string contentType)
    {
        // Act
        var response = await ExecutedResult.ExecuteAsync(DashboardResults.File(path));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Header("Content-Type"));
        Assert.Equal(DashboardFiles.Find(path)!.Content.ToArray(), response.Bytes);
        Assert.Equal(DashboardResults.ContentSecurityPolicy, response.Header("Content-Security-Policy"));
        Assert.Equal("nosniff", response.Header("X-Content-Type-Options"));
        Assert.Equal("no-cache", response.Header("Cache-Control"));
    }

    [Fact]
    public async Task File_UnknownPath_Answers404WithNoBody()
    {
        // Act
        var response = await ExecutedResult.ExecuteAsync(DashboardResults.File("js/other.js"));

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(response.Bytes);
    }

    [Fact]
    public void ContentSecurityPolicy_Scripts_OnlyFromTheHostNeverInline()
    {
        // Act
        var directives = DashboardResults.ContentSecurityPolicy.Split("; ").ToDictionary(d => d.Split(' ')[0], d => d);

        // Assert
        Assert.Equal("script-src 'self'", directives["script-src"]);
        Assert.Equal("style-src 'self'", directives["style-src"]);
        Assert.Equal("connect-src 'self'", directives["connect-src"]);
        Assert.Equal("object-src 'none'", directives["object-src"]);
        Assert.Equal("base-uri 'none'", directives["base-uri"]);
        Assert.Equal("frame-ancestors 'none'", directives["frame-ancestors"]);
    }
}
