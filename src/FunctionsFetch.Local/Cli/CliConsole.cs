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
        Unwrapped(AnsiConsole.Console),
        Unwrapped(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) })));

    public Stream OpenOutput() => openOutput();

    /// <summary>A file or pipe gets whole lines (Spectre would wrap them at 80 columns), so scripts can read them.</summary>
    private static IAnsiConsole Unwrapped(IAnsiConsole console)
    {
        if (!console.Profile.Out.IsTerminal)
        {
            console.Profile.Width = 1000;
        }

        return console;
    }

    /// <summary>Where progress and messages go for a run whose results go to standard output or not.</summary>
    public IAnsiConsole Status(bool resultsToStandardOutput) => resultsToStandardOutput ? Error : output;
}
