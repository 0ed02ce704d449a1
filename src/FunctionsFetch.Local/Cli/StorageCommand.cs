using System.CommandLine;
using FunctionsFetch.Local.Storage;
using Spectre.Console;

namespace FunctionsFetch.Local.Cli;

/// <summary>
/// <c>storage stop</c>: stops the Azurite a host started, which outlives a crash of that host (on its graceful
/// exit a host stops it itself). Azurite is asked to stop (SIGTERM), so it saves its data first.
/// </summary>
internal static class StorageCommand
{
    public static Command Create(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var data = new Option<string?>("--data") { Description = "Azurite's data folder (default .azurite/ in the repository, as Local:AzuriteDataPath)" };
        var stop = new Command("stop", "Stop the Azurite a host started (it saves its data first)") { data };
        stop.SetAction(async (result, cancellationToken) =>
        {
            var folder = result.GetValue(data) ?? (ToolsRoot.Find() is { } root ? Path.Combine(root, ".azurite") : null);
            if (folder is null || AzuriteInstance.FindDetached(folder, []) is not { } azurite)
            {
                console.Status(resultsToStandardOutput: false).MarkupLine("No Azurite started by FunctionsFetch is running.");
                return ExitCodes.Completed;
            }

            var processId = azurite.ProcessId;
            using (azurite)
            {
                await azurite.StopAsync(AzuriteLauncher.StopTimeout);
            }

            console.Status(resultsToStandardOutput: false).MarkupLineInterpolated($"Stopped Azurite (process {processId}); its data is in {folder}.");
            return ExitCodes.Completed;
        });
        return new Command("storage", "The Azurite the host runs on this machine") { stop };
    }
}
