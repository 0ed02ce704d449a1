using System.Reflection;
using System.Text.Json;
using FunctionsFetch.Functions;
using FunctionsFetch.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsFetch.Tests.Functions;

public sealed class OpenApiDocumentTests
{
    [Fact]
    public async Task GetOpenApiDocument_AnyRequest_AnswersTheEmbeddedDocumentAsJson()
    {
        // Act
        var answer = await ExecutedResult.ExecuteAsync(OpenApiDocument.GetOpenApiDocument(new DefaultHttpContext().Request));

        // Assert
        Assert.Equal(System.Net.HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("application/json; charset=utf-8", answer.Header("Content-Type"));
        using var document = answer.ReadJson();
        Assert.StartsWith("3.", document.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.True(document.RootElement.GetProperty("paths").TryGetProperty("/api/fetch/{id}", out _));
        Assert.Equal(OpenApiDocument.Read(), answer.Bytes);
    }

    [Fact]
    public void GetOpenApiDocument_Trigger_IsAnonymousAtApiOpenApiV1Json()
    {
        // Arrange
        var method = typeof(OpenApiDocument).GetMethod(nameof(OpenApiDocument.GetOpenApiDocument))!;

        // Act
        var trigger = method.GetParameters().Single().GetCustomAttribute<HttpTriggerAttribute>()!;

        // Assert: with host.json's routePrefix "api", /api/openapi/v1.json.
        Assert.Equal(AuthorizationLevel.Anonymous, trigger.AuthLevel);
        Assert.Equal("openapi/v1.json", trigger.Route);
        Assert.Equal(["get"], trigger.Methods!);
        Assert.Equal(nameof(OpenApiDocument.GetOpenApiDocument), method.GetCustomAttribute<FunctionAttribute>()!.Name);
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(OpenApiDocument.Read()).RootElement.GetProperty("components").ValueKind);
    }
}
