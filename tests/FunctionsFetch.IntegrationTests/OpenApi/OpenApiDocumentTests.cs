using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FunctionsFetch.IntegrationTests.Infrastructure;
using FunctionsFetch.Local;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace FunctionsFetch.IntegrationTests.OpenApi;

/// <summary>The local host's OpenAPI document: valid, complete for the fetch API, the reference page over it, and the Functions app's copy.</summary>
public sealed class OpenApiDocumentTests
{
    /// <summary>Set to 1 to rewrite the Functions app's committed copy from the local host's document.</summary>
    private const string UpdateVariable = "FETCH_UPDATE_OPENAPI";

    [Fact]
    public async Task Document_LocalHost_ReadsWithoutErrorsAndDescribesEveryFetchRoute()
    {
        // Arrange
        await using var host = await InProcessHost.StartAsync(new HostSettings("unused", storage: null, FreePorts.Next()));

        // Act
        var text = await host.Http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        var read = OpenApiDocument.Parse(text, "json", new OpenApiReaderSettings());

        // Assert
        Assert.NotNull(read.Document);
        Assert.Empty(read.Diagnostic?.Errors ?? []);
        var routes = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/fetch", StringComparison.Ordinal) == true)
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => (Path: Normalize(e.RoutePattern.RawText!), Method: m)))
            .ToList();
        Assert.True(routes.Count >= 7, $"only {routes.Count} fetch routes found");
        foreach (var (path, method) in routes)
        {
            Assert.True(read.Document!.Paths.TryGetValue(path, out var item), $"{path} is not in the document");
            Assert.True(item!.Operations!.ContainsKey(new HttpMethod(method)), $"{method} {path} is not in the document");
        }

        Assert.Contains("functionKey", read.Document!.Components!.SecuritySchemes!.Keys);
        Assert.Contains("functionKeyQuery", read.Document.Components.SecuritySchemes.Keys);
    }

    [Fact]
    public async Task Docs_WithApiKeySet_ServesTheReferencePageWithoutTheKey()
    {
        // Arrange
        await using var host = await InProcessHost.StartAsync(new HostSettings("unused", storage: null, FreePorts.Next()).Set("Fetch:ApiKey", "s3cret"));

        // Act
        using var page = await host.Http.GetAsync(new Uri("/docs/", UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        using var document = await host.Http.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
    }

    [Fact]
    public async Task Document_FunctionsAppCopy_EqualsTheLocalHostsDocument()
    {
        // Arrange
        await using var host = await InProcessHost.StartAsync(new HostSettings("unused", storage: null, FreePorts.Next()));
        var committed = Path.Combine(RepositoryRoot(), "src", "FunctionsFetch", "OpenApi", "v1.json");

        // Act
        var generated = await host.Http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(committed, generated.ReplaceLineEndings("\n"), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }

        // Assert
        var equal = JsonNode.DeepEquals(JsonNode.Parse(generated), JsonNode.Parse(await File.ReadAllTextAsync(committed)));
        Assert.True(equal, $"src/FunctionsFetch/OpenApi/v1.json differs from the local host's document: run this test with {UpdateVariable}=1 to rewrite it, then rebuild.");
    }

    /// <summary>A route pattern as the document writes paths: the group's trailing slash dropped.</summary>
    private static string Normalize(string pattern) => pattern.Length > 1 ? pattern.TrimEnd('/') : pattern;

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FunctionsFetch.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("FunctionsFetch.sln was not found above the test output.");
    }
}
