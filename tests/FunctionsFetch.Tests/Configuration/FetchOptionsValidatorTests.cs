using FunctionsFetch.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FunctionsFetch.Tests.Configuration;

public sealed class FetchOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        // Act
        var result = new FetchOptionsValidator().Validate(null, new FetchOptions());

        // Assert
        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("Fetch:Defaults:Concurrency", "0")]
    [InlineData("Fetch:Defaults:BatchSize", "50")]
    [InlineData("Fetch:Limits:MaxAttempts", "0")]
    [InlineData("Fetch:MaxUrlsPerJob", "-5")]
    [InlineData("Fetch:MaxRequestBytes", "10")]
    [InlineData("Fetch:Defaults:MaxRedirects", "-1")]
    [InlineData("Fetch:RobotsCacheMinutes", "0")]
    [InlineData("Fetch:RobotsCacheMinutes", "1441")]
    [InlineData("Fetch:RobotsUnavailableMinutes", "0")]
    [InlineData("Fetch:MaxCrawlDelaySeconds", "-1")]
    [InlineData("Fetch:MaxRequestHeaders", "-1")]
    [InlineData("Fetch:MaxRequestHeaderBytes", "-1")]
    [InlineData("Fetch:Defaults:Method", "POST")]
    [InlineData("Fetch:Defaults:Method", "head")]
    [InlineData("Fetch:CallbackMaxAttempts", "0")]
    [InlineData("Fetch:CallbackMaxAttempts", "21")]
    [InlineData("Fetch:CallbackTimeoutSeconds", "0")]
    [InlineData("Fetch:CallbackTimeoutSeconds", "301")]
    public async Task StartAsync_BadFetchValue_FailsNamingTheKey(string key, string value)
    {
        // Arrange
        using var host = BuildHost(new Dictionary<string, string?> { [key] = value });

        // Act
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        // Assert
        Assert.Contains(key, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    public void Validate_DefaultMethodGetOrHead_Succeeds(string method)
    {
        // Act
        var result = new FetchOptionsValidator().Validate(null, new FetchOptions { Defaults = new JobSettings { Method = method } });

        // Assert
        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void WithDefaults_Method_IsADefaultWithNoLimitKey()
    {
        // Act
        var keys = FetchSettingKeys.WithDefaults(new FetchOptions());

        // Assert
        Assert.Equal("GET", keys["Fetch:Defaults:Method"]);
        Assert.DoesNotContain("Fetch:Limits:Method", keys.Keys);
    }

    [Fact]
    public async Task StartAsync_DefaultAboveLimit_FailsNamingBothKeys()
    {
        // Arrange
        using var host = BuildHost(new Dictionary<string, string?>
        {
            ["Fetch:Defaults:Concurrency"] = "500",
            ["Fetch:Limits:Concurrency"] = "100",
        });

        // Act
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        // Assert
        Assert.Contains("Fetch:Defaults:Concurrency (500)", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Fetch:Limits:Concurrency (100)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_SaveBodiesDefaultOnButForbidden_FailsNamingBothKeys()
    {
        // Arrange
        using var host = BuildHost(new Dictionary<string, string?>
        {
            ["Fetch:Defaults:SaveBodies"] = "true",
            ["Fetch:Limits:SaveBodies"] = "false",
        });

        // Act
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        // Assert
        Assert.Contains("Fetch:Defaults:SaveBodies (true) must not exceed Fetch:Limits:SaveBodies (false)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_NotANumber_FailsNamingTheKey()
    {
        // Arrange
        using var host = BuildHost(new Dictionary<string, string?> { ["Fetch:Defaults:TimeoutSeconds"] = "soon" });

        // Act
        var exception = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => host.StartAsync());

        // Assert
        Assert.Contains("Fetch:Defaults:TimeoutSeconds", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_ValidOverrides_StartsWithThem()
    {
        // Arrange
        using var host = BuildHost(new Dictionary<string, string?> { ["Fetch:Defaults:Concurrency"] = "25" });

        // Act
        await host.StartAsync();

        // Assert
        Assert.Equal(25, host.Services.GetRequiredService<IOptions<FetchOptions>>().Value.Defaults.Concurrency);
        await host.StopAsync();
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddFetchServices();
        return builder.Build();
    }
}
