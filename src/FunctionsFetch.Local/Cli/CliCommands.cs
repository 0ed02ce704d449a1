using System.CommandLine;
using Spectre.Console;

namespace FunctionsFetch.Local.Cli;

/// <summary>The local host's command line: <c>serve</c> (the default), <c>fetch</c> and <c>storage stop</c>.</summary>
internal static class CliCommands
{
    // Ctrl+C cancels the action's token; this long lets fetch cancel its job and serve stop its engine.
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    public static RootCommand Create(CliConsole console)
    {
        var root = ServeCommand.Configure(new RootCommand("FunctionsFetch local host: serves the fetch API, or fetches a URL list as one job"), console);
        root.Subcommands.Add(ServeCommand.Create(console));
        root.Subcommands.Add(new FetchCommand((settings, cancellationToken) => new FetchRunner(console).RunAsync(settings, cancellationToken)));
        root.Subcommands.Add(StorageCommand.Create(console));
        return root;
    }

    /// <summary>Parses and runs; parse errors and <see cref="CliException"/>s are usage errors, told in one line.</summary>
    public static async Task<int> InvokeAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(console);
        var result = Create(console).Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors)
            {
                console.Error.MarkupLineInterpolated($"[red]{error.Message}[/]");
            }

            return ExitCodes.Usage;
        }

        try
        {
            return await result.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = StopTimeout, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (CliException exception)
        {
            console.Error.MarkupLineInterpolated($"[red]{exception.Message}[/]");
            return exception.ExitCode;
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C before a job was started: nothing to cancel on the server.
            return ExitCodes.Canceled;
        }
    }
}
