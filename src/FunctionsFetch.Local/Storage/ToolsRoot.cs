using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Local.Storage;

/// <summary>Finds the repository's root package.json (which names Azurite) and installs its packages when missing.</summary>
public static partial class ToolsRoot
{
    /// <summary>The folder above the app or the working directory whose package.json names azurite, or null.</summary>
    public static string? Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var manifest = Path.Combine(dir.FullName, "package.json");
                if (File.Exists(manifest) && File.ReadAllText(manifest).Contains("\"azurite\"", StringComparison.Ordinal))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    /// <summary>Runs <c>npm ci</c> once when Azurite is not installed yet.</summary>
    public static async Task EnsureInstalledAsync(string root, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (File.Exists(AzuriteEntryPoint(root)))
        {
            return;
        }

        LogInstalling(logger, root);
        using var npm = NodeProcess.StartNpm(root, "ci", "--no-audit", "--no-fund");
        var output = npm.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = npm.StandardError.ReadToEndAsync(cancellationToken);
        await npm.WaitForExitAsync(cancellationToken);
        if (npm.ExitCode != 0 || !File.Exists(AzuriteEntryPoint(root)))
        {
            throw new InvalidOperationException($"'npm ci' in {root} failed with exit code {npm.ExitCode}: {await errors}{await output}");
        }
    }

    public static string AzuriteEntryPoint(string root) => Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");

    [LoggerMessage(Level = LogLevel.Information, Message = "Installing Azurite with 'npm ci' in {Root} (first run only)")]
    private static partial void LogInstalling(ILogger logger, string root);
}
