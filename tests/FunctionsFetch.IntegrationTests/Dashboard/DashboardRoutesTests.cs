using System.Net;
using FunctionsFetch.Dashboard;
using FunctionsFetch.IntegrationTests.Infrastructure;
using FunctionsFetch.Local;

namespace FunctionsFetch.IntegrationTests.Dashboard;

/// <summary>The local host's dashboard routes over HTTP: the files open without the API key, everything else behind it.</summary>
public sealed class DashboardRoutesTests
{
    private const string Key = "routes-key";

    [Fact]
    public async Task DashboardFiles_ApiKeySet_AreServedWithoutItUnderTheCsp()
    {
        // Arrange
        await using var host = await InProcessHost.StartAsync(Settings().Set("Fetch:ApiKey", Key));
        var paths = DashboardFiles.Paths.Select(p => "/" + p).Prepend("/").ToList();

        // Act
        var answers = new List<(string Path, HttpStatusCode Status, string? ContentType, string Csp)>();
        foreach (var path in paths)
        {
            using var response = await host.Http.GetAsync(new Uri(path, UriKind.Relative));
            answers.Add((path, response.StatusCode, response.Content.Headers.ContentType?.MediaType, string.Join(',', response.Headers.GetValues("Content-Security-Policy"))));
        }

        // Assert
        Assert.Contains(answers, a => a is { Path: "/", ContentType: "text/html" });
        Assert.Contains(answers, a => a is { Path: "/js/main.js", ContentType: "text/javascript" });
        Assert.Contains(answers, a => a is { Path: "/app.css", ContentType: "text/css" });
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.All(answers, a => Assert.Equal(DashboardResults.ContentSecurityPolicy, a.Csp));
        Assert.DoesNotContain("'unsafe-inline'", DashboardResults.ContentSecurityPolicy, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/fetch/some-job")]
    [InlineData("/api/fetch/some-job/summary")]
    [InlineData("/runtime/webhooks/durabletask/instances")]
    public async Task ApiRoutes_ApiKeySetAndNotSent_Answer401(string path)
    {
        // Arrange
        await using var host = await InProcessHost.StartAsync(Settings().Set("Fetch:ApiKey", Key));

        // Act
        using var response = await host.Http.GetAsync(new Uri(path, UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ApiRoute_ApiKeySentInTheHeader_IsServed()
    {
        // Arrange
        await using var host = await InProcessHost.StartAsync(Settings().Set("Fetch:ApiKey", Key));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/fetch/no-such-job", UriKind.Relative));
        request.Headers.Add("x-functions-key", Key);

        // Act
        using var response = await host.Http.SendAsync(request);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/js/not-a-file.js")]
    [InlineData("/Dashboard/wwwroot/index.html")]
    [InlineData("/FunctionsFetch.Core.dll")]
    [InlineData("/host.json")]
    public async Task UnknownPath_NoApiKey_Answers404(string path)
    {
        // Arrange
        await using var host = await InProcessHost.StartAsync(Settings());

        // Act
        using var response = await host.Http.GetAsync(new Uri(path, UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static HostSettings Settings() => new(AzuriteFixture.NewHubName(), storage: null, FreePorts.Next());
}
