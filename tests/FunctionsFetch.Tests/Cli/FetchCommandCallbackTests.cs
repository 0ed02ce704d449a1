using FunctionsFetch.Local.Cli;

namespace FunctionsFetch.Tests.Cli;

/// <summary><c>--callback-url</c> becomes the job's <c>callbackUrl</c>.</summary>
public sealed class FetchCommandCallbackTests
{
    private readonly FetchCommand _command = new((_, _) => Task.FromResult(0));

    [Fact]
    public void Read_CallbackUrl_SendsItAsTheJobsCallbackUrl()
    {
        // Arrange
        var parsed = _command.Parse(["urls.txt", "--callback-url", "https://hooks.example.test/done?token=abc"]);

        // Act
        var settings = _command.Read(parsed);

        // Assert
        Assert.Empty(parsed.Errors);
        Assert.Equal("https://hooks.example.test/done?token=abc", settings.JobOptions["callbackUrl"]);
    }

    [Fact]
    public void Read_NoCallbackUrl_SendsNone()
    {
        // Act
        var settings = _command.Read(_command.Parse("urls.txt"));

        // Assert
        Assert.False(settings.JobOptions.ContainsKey("callbackUrl"));
    }
}
