using System.Net;
using System.Security.Cryptography;
using Azure.Storage.Blobs;
using FunctionsFetch.IntegrationTests.Infrastructure;
using FunctionsFetch.Local;
using FunctionsFetch.Storage;
using FunctionsFetch.Testing;

namespace FunctionsFetch.IntegrationTests.Jobs;

/// <summary><c>saveBodies</c> end to end: the local host on real Azurite, bodies in blobs, read back over HTTP.</summary>
[Collection(AzuriteTests.Name)]
public sealed class LocalHostBodiesTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Job_SaveBodies_EachBodyComesBackWithItsBytesAndContentType()
    {
        // Arrange: a small text body and one of several upload blocks (over 1 MiB), with their own types.
        var small = "plain text body"u8.ToArray();
        var large = RandomNumberGenerator.GetBytes((3 * 1024 * 1024) + 123);
        await using var target = await LoopbackServer.StartAsync(async context =>
        {
            var isLarge = context.Request.Path == "/large";
            context.Response.ContentType = isLarge ? "application/x-test-binary" : "text/plain; charset=utf-8";
            await context.Response.Body.WriteAsync(isLarge ? large : small);
        });
        await using var host = await InProcessHost.StartAsync(new HostSettings(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next()));
        string[] urls = [target.Url("/small"), target.Url("/large")];

        // Act
        var started = await host.Api.StartAsync(urls, new { saveBodies = true, maxBodyBytes = 8 * 1024 * 1024 });
        var id = started.Id;
        var done = await host.Api.WaitForResultsAsync(id, Polling.Within(TimeSpan.FromMinutes(2)));
        using var largeBody = await host.Api.GetBodyAsync(id, 1);
        using var smallBody = await host.Api.GetBodyAsync(id, 0);

        // Assert
        var results = done.Results.ToArray();
        Assert.Equal([$"{id}/bodies/000000000", $"{id}/bodies/000000001"], results.Select(r => r.BodyBlob));
        Assert.Equal("application/x-test-binary", largeBody.ContentType);
        var largeBytes = await largeBody.ReadAsByteArrayAsync();
        Assert.Equal(large, largeBytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(largeBytes)), results[1].Sha256);
        Assert.Equal("text/plain; charset=utf-8", smallBody.ContentType);
        Assert.Equal(small, await smallBody.ReadAsByteArrayAsync());
        var blob = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(JobStoreLayout.ContainerName).GetBlobClient($"{id}/bodies/000000001");
        Assert.Equal("application/x-test-binary", (await blob.GetPropertiesAsync()).Value.ContentType);
    }

    [Fact]
    public async Task Job_SaveBodiesBodyOverCap_StoresNoBodyAndTheEndpointSaysWhy()
    {
        // Arrange
        await using var target = await LoopbackServer.StartAsync(async context => await context.Response.Body.WriteAsync(new byte[4096]));
        await using var host = await InProcessHost.StartAsync(new HostSettings(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next()));

        // Act
        var started = await host.Api.StartAsync([target.Url("/big")], new { saveBodies = true, maxBodyBytes = 1024 });
        var id = started.Id;
        var done = await host.Api.WaitForResultsAsync(id, Polling.Within(TimeSpan.FromMinutes(2)));
        using var body = await host.Http.GetAsync(new Uri($"/api/fetch/{id}/results/0/body", UriKind.Relative));

        // Assert
        var result = done.Results[0];
        Assert.Equal("tooLarge", result.Error?.Kind);
        Assert.Null(result.BodyBlob);
        Assert.Equal(HttpStatusCode.NotFound, body.StatusCode);
        Assert.Equal("application/problem+json", body.Content.Headers.ContentType?.MediaType);
        Assert.Contains("maxBodyBytes", await body.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
