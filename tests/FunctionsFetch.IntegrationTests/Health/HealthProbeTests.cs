using FunctionsFetch.Dashboard;
using System.Net;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using FunctionsFetch.IntegrationTests.Infrastructure;
using FunctionsFetch.Local;
using FunctionsFetch.Local.Endpoints;
using FunctionsFetch.Storage;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsFetch.IntegrationTests.Health;

/// <summary>The container probes on real Azurite, and what stays outside the API key.</summary>
[Collection(AzuriteTests.Name)]
public sealed class HealthProbeTests(AzuriteFixture azurite)
{
    /// <summary>Azurite's well-known development key.</summary>
    private const string AzuriteAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>The only routes outside the API (and so outside its key), besides the reference page's under /docs; a new one must be added here on purpose.</summary>
    private static readonly string[] PublicRoutes = ["/healthz", "/readyz", "/metrics", "/openapi/{documentName}.json"];

    [Fact]
    public async Task Probes_OnAzuriteWithApiKeySet_AnswerHealthyWithoutTheKey()
    {
        // Arrange
        await using var host = await InProcessHost.StartAsync(new HostSettings(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next()).Set("Fetch:ApiKey", "k3y"));

        // Act
        using var live = await host.Http.GetAsync(new Uri("/healthz", UriKind.Relative));
        using var ready = await host.Http.GetAsync(new Uri("/readyz", UriKind.Relative));
        using var metrics = await host.Http.GetAsync(new Uri("/metrics", UriKind.Relative));
        using var api = await host.Http.GetAsync(new Uri("/api/fetch/some-job", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        Assert.Equal("Healthy", body["status"]!.GetValue<string>());
        Assert.Equal("Healthy", body["checks"]!["storage"]!.GetValue<string>());
        Assert.Equal("Healthy", body["checks"]!["engine"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task Readyz_JobStoreUnreachable_Answers503NamingTheCheckOnly()
    {
        // Arrange: the engine on Azurite, but the job store's container at a port where no storage listens.
        var closed = FreePorts.Next();
        var unreachable = new BlobServiceClient(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteAccountKey};BlobEndpoint=http://127.0.0.1:{closed}/devstoreaccount1;");
        var settings = new HostSettings(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next());
        await using var app = LocalFetchHost.Build(settings.ToArgs(), builder =>
            builder.Services.AddSingleton<IBlobContainer>(new AzureBlobContainer(unreachable, JobStoreLayout.ContainerName)));
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = settings.BaseUri, Timeout = TimeSpan.FromSeconds(60) };

        // Act
        using var live = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        using var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var body = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        Assert.Equal("Unhealthy", body["status"]!.GetValue<string>());
        Assert.Equal("Unhealthy", body["checks"]!["storage"]!.GetValue<string>());
        Assert.Equal("Healthy", body["checks"]!["engine"]!.GetValue<string>());
        Assert.DoesNotContain(closed.ToString(System.Globalization.CultureInfo.InvariantCulture), body.ToJsonString(), StringComparison.Ordinal);
        await app.StopAsync();
    }

    [Fact]
    public async Task ApiKey_EveryApiRoute_IsBehindItAndOnlyTheProbesDocsAndMetricsAreOutside()
    {
        // Arrange
        await using var host = await InProcessHost.StartAsync(new HostSettings("unused", storage: null, FreePorts.Next()).Set("Fetch:ApiKey", "k3y"));
        var routes = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Select(e => e.RoutePattern.RawText!).Distinct().ToList();

        // Act
        var dashboard = DashboardFiles.Paths.Select(p => "/" + p).Append("/").ToHashSet(StringComparer.Ordinal);
        var outside = routes.Where(r => !ApiKeyMiddleware.IsApi(r) && !dashboard.Contains(r)).ToList();
        var statuses = new List<(string Route, HttpStatusCode Status)>();
        foreach (var route in routes.Where(r => ApiKeyMiddleware.IsApi(r)))
        {
            var path = route.Replace("{id}", "x", StringComparison.Ordinal).Replace("{index}", "0", StringComparison.Ordinal).Replace("{eventName}", "e", StringComparison.Ordinal);
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post, HttpMethod.Delete })
            {
                using var answer = await host.Http.SendAsync(new HttpRequestMessage(method, new Uri(path, UriKind.Relative)));
                statuses.Add((route, answer.StatusCode));
            }
        }

        // Assert
        Assert.Equal(PublicRoutes.Order(StringComparer.Ordinal), outside.Where(r => !r.StartsWith("/docs", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Contains(outside, r => r.StartsWith("/docs/", StringComparison.Ordinal));
        Assert.True(statuses.Count >= 3 * 7);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s.Status));
    }
}
