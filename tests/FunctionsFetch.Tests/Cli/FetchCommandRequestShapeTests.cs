using System.CommandLine;
using FunctionsFetch.Local.Cli;

namespace FunctionsFetch.Tests.Cli;

/// <summary><c>--method</c> and curl's repeatable <c>-H/--header 'Name: value'</c> become the job's <c>method</c> and <c>headers</c>.</summary>
public sealed class FetchCommandRequestShapeTests
{
    private readonly FetchCommand _command = new((_, _) => Task.FromResult(0));

    [Fact]
    public void Read_MethodAndRepeatedHeaders_SendsTheMethodAndTheHeadersByName()
    {
        // Arrange
        var parsed = _command.Parse(["urls.txt", "--method", "HEAD", "-H", "Authorization: Bearer t0ken", "--header", "X-Custom:v", "-H", "X-Time:  12:30 "]);

        // Act
        var settings = _command.Read(parsed);

        // Assert
        Assert.Empty(parsed.Errors);
        Assert.Equal("HEAD", settings.JobOptions["method"]);
        var headers = Assert.IsType<Dictionary<string, string>>(settings.JobOptions["headers"]);
        Assert.Equal([new("Authorization", "Bearer t0ken"), new("X-Custom", "v"), new("X-Time", "12:30")], headers);
    }

    [Fact]
    public void Read_Revalidate_SendsTheEarlierJobIdAsTheRevalidateOption()
    {
        // Arrange
        var parsed = _command.Parse(["urls.txt", "--revalidate", "nightly-2026-12-05"]);

        // Act
        var settings = _command.Read(parsed);

        // Assert
        Assert.Empty(parsed.Errors);
        Assert.Equal("nightly-2026-12-05", settings.JobOptions["revalidate"]);
    }

    [Fact]
    public void Read_NoMethodOrHeaders_SendsNeither()
    {
        // Arrange
        var parsed = _command.Parse("urls.txt");

        // Act
        var settings = _command.Read(parsed);

        // Assert
        Assert.False(settings.JobOptions.ContainsKey("method"));
        Assert.False(settings.JobOptions.ContainsKey("headers"));
        Assert.False(settings.JobOptions.ContainsKey("revalidate"));
    }

    [Theory]
    [InlineData("Bearer-secret-token")]
    [InlineData(": secret-token")]
    public void Read_HeaderWithoutAName_IsAUsageErrorThatDoesNotRepeatIt(string header)
    {
        // Arrange
        var parsed = _command.Parse(["urls.txt", "-H", "Accept: text/html", "-H", header]);

        // Act
        var exception = Assert.Throws<CliException>(() => _command.Read(parsed));

        // Assert
        Assert.Equal(ExitCodes.Usage, exception.ExitCode);
        Assert.Equal("--header #2 is not 'Name: value' (a header name, a colon, then its value).", exception.Message);
    }

    [Fact]
    public void Read_SameHeaderTwice_IsAUsageError()
    {
        // Arrange
        var parsed = _command.Parse(["urls.txt", "-H", "Accept: a", "-H", "Accept: b"]);

        // Act
        var exception = Assert.Throws<CliException>(() => _command.Read(parsed));

        // Assert
        Assert.Equal(ExitCodes.Usage, exception.ExitCode);
        Assert.Contains("sets 'Accept' again", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("head")]
    public void Parse_MethodOtherThanGetOrHead_IsAParseError(string method)
    {
        // Act
        var parsed = _command.Parse(["urls.txt", "--method", method]);

        // Assert
        Assert.NotEmpty(parsed.Errors);
    }
}
