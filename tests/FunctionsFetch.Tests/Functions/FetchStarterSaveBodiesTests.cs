using System.Net;
using FunctionsFetch.Configuration;
using FunctionsFetch.Functions;
using FunctionsFetch.Testing;

namespace FunctionsFetch.Tests.Functions;

/// <summary>The <c>saveBodies</c> switch: a JSON boolean, defaulted and capped by the server like the numeric options.</summary>
public sealed class FetchStarterSaveBodiesTests
{
    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public async Task StartFetch_SaveBodiesGiven_SchedulesItResolved(string value, bool expected)
    {
        // Arrange
        var harness = new FunctionsHarness();
        var body = $$$"""{"urls": ["https://example.test/a"], "options": {"saveBodies": {{{value}}}}}""";

        // Act
        var response = await StartAsync(harness, body);

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(expected, harness.ScheduledInput!.Settings.SaveBodies);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task StartFetch_SaveBodiesLeftOut_TakesTheServerDefault(bool serverDefault)
    {
        // Arrange
        var harness = new FunctionsHarness(new FetchOptions { Defaults = new JobSettings { SaveBodies = serverDefault } });

        // Act
        var response = await StartAsync(harness, """{"urls": ["https://example.test/a"]}""");

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(serverDefault, harness.ScheduledInput!.Settings.SaveBodies);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("\"true\"")]
    [InlineData("null")]
    public async Task StartFetch_SaveBodiesNotABoolean_Answers400NamingTheOptionAndStartsNothing(string value)
    {
        // Arrange
        var harness = new FunctionsHarness();
        var body = $$$"""{"urls": ["https://example.test/a"], "options": {"saveBodies": {{{value}}}}}""";

        // Act
        var response = await StartAsync(harness, body);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.Header("Content-Type"), StringComparison.Ordinal);
        using var json = response.ReadJson();
        Assert.Equal("options.saveBodies must be true or false.", json.RootElement.GetProperty("detail").GetString());
        harness.VerifyNothingScheduled();
    }

    [Fact]
    public async Task StartFetch_SaveBodiesForbiddenByLimit_Answers400AndStartsNothing()
    {
        // Arrange
        var options = new FetchOptions();
        options.Limits = options.Limits with { SaveBodies = false };
        var harness = new FunctionsHarness(options);

        // Act
        var response = await StartAsync(harness, """{"urls": ["https://example.test/a"], "options": {"saveBodies": true}}""");

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = response.ReadJson();
        Assert.Contains("Fetch:Limits:SaveBodies is false", json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        harness.VerifyNothingScheduled();
    }

    [Fact]
    public async Task StartFetch_SaveBodiesFalseWhileForbidden_Starts()
    {
        // Arrange
        var options = new FetchOptions();
        options.Limits = options.Limits with { SaveBodies = false };
        var harness = new FunctionsHarness(options);

        // Act
        var response = await StartAsync(harness, """{"urls": ["https://example.test/a"], "options": {"saveBodies": false}}""");

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.False(harness.ScheduledInput!.Settings.SaveBodies);
    }

    private static async Task<ExecutedResult> StartAsync(FunctionsHarness harness, string body) =>
        await FunctionsHarness.ExecuteAsync(await new FetchStarter(harness.Starter).StartFetch(harness.Request("POST", "/api/fetch", body, "application/json"), harness.Client.Object, harness.Context.Object));
}
