using System.CommandLine;
using FunctionsFetch.Local.Cli;
using Spectre.Console;

namespace FunctionsFetch.Tests.Cli;

public sealed class CliCommandsTests : IDisposable
{
    private readonly StringWriter _messages = new();

    [Fact]
    public void Create_NoArguments_RunsTheRootCommandWhichServes()
    {
        // Arrange
        var root = CliCommands.Create(Console());

        // Act
        var parsed = root.Parse([]);

        // Assert
        Assert.Empty(parsed.Errors);
        Assert.Same(root, parsed.CommandResult.Command);
        Assert.NotNull(root.Action);
    }

    [Fact]
    public void Create_ConfigurationArguments_ReachServeUnmatchedAndInOrder()
    {
        // Arrange
        var root = CliCommands.Create(Console());

        // Act
        var parsed = root.Parse(["--urls", "http://127.0.0.1:8080", "--Fetch:Defaults:Concurrency", "100", "--in-memory"]);

        // Assert
        Assert.Empty(parsed.Errors);
        Assert.Same(root, parsed.CommandResult.Command);
        Assert.Equal(["--urls", "http://127.0.0.1:8080", "--Fetch:Defaults:Concurrency", "100"], parsed.UnmatchedTokens);
    }

    [Fact]
    public void Create_FetchCommand_IsFound()
    {
        // Arrange
        var root = CliCommands.Create(Console());

        // Act
        var parsed = root.Parse(["fetch", "urls.txt", "--out", "r.csv"]);

        // Assert
        Assert.Empty(parsed.Errors);
        Assert.IsType<FetchCommand>(parsed.CommandResult.Command);
    }

    [Theory]
    [InlineData("fetch urls.txt --format xml")]
    [InlineData("fetch")]
    [InlineData("fetc urls.txt")]
    [InlineData("fetch urls.txt --Fetch:AllowPrivateNetworks=true")]
    public async Task InvokeAsync_BadCommandLine_ExitsWithTheUsageCodeAndSaysWhy(string args)
    {
        // Arrange
        var console = Console();

        // Act
        var exitCode = await CliCommands.InvokeAsync(args.Split(' '), console);

        // Assert
        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.NotEqual(string.Empty, _messages.ToString().Trim());
    }

    [Fact]
    public async Task InvokeAsync_UrlFileWithNoUrls_ExitsWithTheUsageCodeBeforeCallingAnyServer()
    {
        // Arrange
        var path = Path.GetTempFileName();
        await File.WriteAllTextAsync(path, "# nothing yet\n\n");

        // Act: an endpoint nothing listens on; a call would fail with another code.
        var exitCode = await CliCommands.InvokeAsync(["fetch", path, "--endpoint", "http://127.0.0.1:9"], Console());

        // Assert
        File.Delete(path);
        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("No URLs", _messages.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_NoServerAtTheEndpoint_ExitsWithTheJobFailedCode()
    {
        // Arrange
        using var standardInput = new StringReader("https://a.test/\n");

        // Act
        var exitCode = await CliCommands.InvokeAsync(["fetch", "-", "--endpoint", "http://127.0.0.1:9"], Console(standardInput));

        // Assert
        Assert.Equal(ExitCodes.JobFailed, exitCode);
        Assert.Contains("No answer from http://127.0.0.1:9/", _messages.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => _messages.Dispose();

    private CliConsole Console(TextReader? input = null)
    {
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(_messages),
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No,
        });
        return new CliConsole(input ?? TextReader.Null, () => Stream.Null, ansi, ansi);
    }
}
