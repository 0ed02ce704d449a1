using System.Net;
using System.Reflection;
using FunctionsFetch.Dashboard;
using FunctionsFetch.Functions;
using FunctionsFetch.Testing;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsFetch.Tests.Functions;

/// <summary>The Functions app's dashboard triggers: /api/dashboard/ and its files, anonymous, mapped onto the embedded files.</summary>
public sealed class DashboardPageTests
{
    [Fact]
    public async Task GetDashboard_NoTrailingSlash_RedirectsToTheSlashedAddress()
    {
        // Arrange
        var request = new FunctionsHarness().Request("GET", "/api/dashboard");

        // Act
        var response = await FunctionsHarness.ExecuteAsync(new DashboardPage().GetDashboard(request));

        // Assert: relative, so it holds behind any host name or prefix.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("dashboard/", response.Header("Location"));
    }

    [Fact]
    public async Task GetDashboard_TrailingSlash_AnswersThePage()
    {
        // Arrange
        var request = new FunctionsHarness().Request("GET", "/api/dashboard/");

        // Act
        var response = await FunctionsHarness.ExecuteAsync(new DashboardPage().GetDashboard(request));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Header("Content-Type"));
        Assert.Equal(DashboardResults.ContentSecurityPolicy, response.Header("Content-Security-Policy"));
    }

    [Theory]
    [InlineData(null, "index.html")]
    [InlineData("", "index.html")]
    [InlineData("app.css", "app.css")]
    [InlineData("js/main.js", "js/main.js")]
    public async Task GetDashboardFile_RoutePath_AnswersThatFile(string? path, string expected)
    {
        // Arrange
        var request = new FunctionsHarness().Request("GET", $"/api/dashboard/{path}");

        // Act
        var response = await FunctionsHarness.ExecuteAsync(new DashboardPage().GetDashboardFile(request, path));

        // Assert
        var file = DashboardFiles.Find(expected)!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(file.ContentType, response.Header("Content-Type"));
        Assert.Equal(file.Content.ToArray(), response.Bytes);
    }

    [Theory]
    [InlineData("../host.json")]
    [InlineData("js/other.js")]
    public async Task GetDashboardFile_NoFileOfTheDashboard_Answers404(string path)
    {
        // Arrange
        var request = new FunctionsHarness().Request("GET", $"/api/dashboard/{path}");

        // Act
        var response = await FunctionsHarness.ExecuteAsync(new DashboardPage().GetDashboardFile(request, path));

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void HttpTriggers_Authorization_OnlyTheDashboardAndTheApiDescriptionAreAnonymous()
    {
        // Act
        var triggers = typeof(DashboardPage).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .SelectMany(m => m.GetParameters())
            .Select(p => (Parameter: p, Trigger: p.GetCustomAttribute<HttpTriggerAttribute>()))
            .Where(p => p.Trigger is not null)
            .ToList();

        // Assert
        var anonymous = triggers.Where(t => t.Trigger!.AuthLevel == AuthorizationLevel.Anonymous).Select(t => t.Trigger!.Route).Order(StringComparer.Ordinal);
        string[] open = ["dashboard", "dashboard/{*path}", "openapi/v1.json"];
        Assert.Equal(open, anonymous);
        Assert.All(triggers.Where(t => !open.Contains(t.Trigger!.Route)), t => Assert.Equal(AuthorizationLevel.Function, t.Trigger!.AuthLevel));
    }
}
