using System.CommandLine;
using Spectre.Console;

namespace FunctionsFetch.Local.Cli;

/// <summary>
/// Serves the HTTP API until stopped: the root command's action and the <c>serve</c> command's. Every
/// argument it does not know is configuration (<c>--urls http://127.0.0.1:8080</c>, <c>--Fetch:Defaults:Concurrency 100</c>).
/// </summary>
internal static class ServeCommand
{
    public const string Description = "Serve the fetch API (the default command)";

    public static Command Create(CliConsole console) => Configure(new Command("serve", Description), console);

    public static T Configure<T>(T command, CliConsole console)
        where T : Command
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(console);
        var inMemory = new Option<bool>("--in-memory") { Description = "Run the engine with no storage at all; jobs are lost when it stops" };
        command.Options.Add(inMemory);
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, cancellationToken) =>
        {
            var configArgs = result.UnmatchedTokens.ToList();
            if (configArgs.Count > 0 && !configArgs[0].StartsWith('-'))
            {
                // A misspelt command would otherwise start a server.
                console.Error.MarkupLineInterpolated($"[red]Unknown command '{configArgs[0]}'. Commands: serve (default), fetch, storage; see --help.[/]");
                return ExitCodes.Usage;
            }

            if (result.GetValue(inMemory))
            {
                configArgs.Add("--Local:InMemory=true");
            }

            await using var app = LocalFetchHost.Build([.. configArgs]);
            await app.RunAsync(cancellationToken);
            return ExitCodes.Completed;
        });
        return command;
    }
}
