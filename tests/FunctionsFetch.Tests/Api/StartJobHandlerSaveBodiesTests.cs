using System.Net;
using FunctionsFetch.Configuration;
using FunctionsFetch.Testing;

namespace FunctionsFetch.Tests.Api;

/// <summary>The <c>saveBodies</c> switch: a JSON boolean, defaulted and capped by the server like the numeric options.</summary>
public sealed class StartJobHandlerSaveBodiesTests
{
    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public async Task HandleAsync_SaveBodiesGiven_SchedulesItResolved(string value, bool expected)
    {
        // Arrange
        var harness = new ApiHarness();
        var body = $$$"""{"urls": ["https://example.test/a"], "options": {"saveBodies": {{{value}}}}}""";

        // Act
        var response = await harness.StartAsync(body);

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(expected, harness.ScheduledInput!.Settings.SaveBodies);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task HandleAsync_SaveBodiesLeftOut_TakesTheServerDefault(bool serverDefault)
    {
        // Arrange
        var harness = new ApiHarness(new FetchOptions { Defaults = new JobSettings { SaveBodies = serverDefault } });

        // Act
        var response = await harness.StartAsync("""{"urls": ["https://example.test/a"]}""");

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(serverDefault, harness.ScheduledInput!.Settings.SaveBodies);
    }

    [Fact]
    public async Task HandleAsync_SaveBodiesFalseWhileForbidden_Starts()
    {
        // Arrange
        var options = new FetchOptions();
        options.Limits = options.Limits with { SaveBodies = false };
        var harness = new ApiHarness(options);

        // Act
        var response = await harness.StartAsync("""{"urls": ["https://example.test/a"], "options": {"saveBodies": false}}""");

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.False(harness.ScheduledInput!.Settings.SaveBodies);
    }
}
