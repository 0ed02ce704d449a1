using System.Net;
using System.Text.Json;
using FunctionsFetch.IntegrationTests.Infrastructure;
using FunctionsFetch.Local;
using FunctionsFetch.Testing;

namespace FunctionsFetch.IntegrationTests.Api;

/// <summary>The URLs the local host hands back: where they point, and that they work as given.</summary>
[Collection(AzuriteTests.Name)]
public sealed class StatusUrlsTests(AzuriteFixture azurite)
{
    private const string Key = "s3cret-key";

    [Fact]
    public async Task GetInstance_ApiKeySetAndJobRunning_LocationCarriesTheKeyAndFollowingItWorks()
    {
        // Arrange
        await using var target = await LatencyTarget.StartAsync(TimeSpan.FromSeconds(5));
        await using var host = await InProcessHost.StartAsync(Settings().Set("Fetch:ApiKey", Key));
        host.Http.DefaultRequestHeaders.Add("x-functions-key", Key);
        var payload = await host.Api.StartAsync([target.Url("slow")]);
        using var anonymous = new HttpClient();

        // Act
        using var running = await anonymous.GetAsync(new Uri(payload.StatusQueryGetUri));
        using var followed = await anonymous.GetAsync(running.Headers.Location);

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, running.StatusCode);
        Assert.Contains($"code={Key}", running.Headers.Location!.Query, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, followed.StatusCode);
    }

    [Fact]
    public async Task Start_SpoofedHostHeader_StatusUrlsPointAtTheAddressTheHostListensOn()
    {
        // Arrange
        await using var target = await LatencyTarget.StartAsync(TimeSpan.Zero);
        await using var host = await InProcessHost.StartAsync(Settings());
        using var request = StartRequest(target.Url("spoof"));
        request.Headers.Host = "attacker.example";

        // Act
        using var response = await host.Http.SendAsync(request);
        var payload = await ReadJsonAsync(response);

        // Assert
        Assert.All(Uris(payload), uri => Assert.Equal(host.Settings.BaseUri.GetLeftPart(UriPartial.Authority), uri.GetLeftPart(UriPartial.Authority)));
        Assert.Equal(host.Settings.BaseUri.Authority, response.Headers.Location!.Authority);
    }

    [Fact]
    public async Task Start_PublicBaseUrlSet_EveryStatusUrlUsesIt()
    {
        // Arrange: as behind a proxy that forwards https://fetch.example.test/fetcher/ to this host.
        await using var target = await LatencyTarget.StartAsync(TimeSpan.Zero);
        await using var host = await InProcessHost.StartAsync(Settings().Set("Local:PublicBaseUrl", "https://fetch.example.test/fetcher/"));
        using var request = StartRequest(target.Url("public"));

        // Act
        using var response = await host.Http.SendAsync(request);
        var payload = await ReadJsonAsync(response);

        // Assert
        Assert.All(Uris(payload), uri => Assert.StartsWith("https://fetch.example.test/fetcher/runtime/webhooks/durabletask/instances/", uri.AbsoluteUri, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_PublicBaseUrlNotAnHttpUrl_HostRefusesToStartNamingTheKey()
    {
        // Act
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => InProcessHost.StartAsync(Settings().Set("Local:PublicBaseUrl", "ftp://fetch.example.test/?x=1")));

        // Assert
        Assert.Contains("Local:PublicBaseUrl", failure.Message, StringComparison.Ordinal);
    }

    private HostSettings Settings() => new(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next());

    private static HttpRequestMessage StartRequest(string url) => new(HttpMethod.Post, new Uri("/api/fetch", UriKind.Relative))
    {
        Content = new StringContent(JsonSerializer.Serialize(new { urls = new[] { url } }), System.Text.Encoding.UTF8, "application/json"),
    };

    /// <summary>Every URL in the check-status payload.</summary>
    private static IEnumerable<Uri> Uris(JsonElement payload) =>
        payload.EnumerateObject().Where(p => p.Name != "id").Select(p => new Uri(p.Value.GetString()!));

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
