using Spectre.Console;

namespace FunctionsFetch.Local.Cli;

/// <summary>
/// The streams a command uses. Results and messages never share one: when results go to standard
/// output, progress and messages go to standard error.
/// </summary>
internal sealed class CliConsole(TextReader input, Func<Stream> openOutput, IAnsiConsole output, IAnsiConsole error)
{
    public TextReader In { get; } = input;

    public IAnsiConsole Error { get; } = error;

    public static CliConsole System() => new(
        Console.In,
        Console.OpenStandardOutput,
        AnsiConsole.Console,
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }));

    public Stream OpenOutput() => openOutput();

    /// <summary>Where progress and messages go for a run whose results go to standard output or not.</summary>
    public IAnsiConsole Status(bool resultsToStandardOutput) => resultsToStandardOutput ? Error : output;
}
