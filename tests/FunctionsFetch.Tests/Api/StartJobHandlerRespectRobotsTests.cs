using System.Net;
using FunctionsFetch.Configuration;
using FunctionsFetch.Testing;

namespace FunctionsFetch.Tests.Api;

/// <summary>The <c>respectRobots</c> switch: off unless asked for, and forbidden when its limit is false.</summary>
public sealed class StartJobHandlerRespectRobotsTests
{
    [Theory]
    [InlineData("""{"urls": ["https://example.test/a"], "options": {"respectRobots": true}}""", true)]
    [InlineData("""{"urls": ["https://example.test/a"], "options": {"respectRobots": false}}""", false)]
    [InlineData("""{"urls": ["https://example.test/a"]}""", false)]
    public async Task HandleAsync_RespectRobotsGivenOrNot_SchedulesItResolved(string body, bool expected)
    {
        // Arrange
        var harness = new ApiHarness();

        // Act
        var response = await harness.StartAsync(body);

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(expected, harness.ScheduledInput!.Settings.RespectRobots);
    }

    [Fact]
    public async Task HandleAsync_RespectRobotsWhileForbidden_Answers400()
    {
        // Arrange
        var options = new FetchOptions();
        options.Limits = options.Limits with { RespectRobots = false };
        var harness = new ApiHarness(options);

        // Act
        var response = await harness.StartAsync("""{"urls": ["https://example.test/a"], "options": {"respectRobots": true}}""");

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(harness.ScheduledInput);
    }
}
