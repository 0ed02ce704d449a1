using System.Diagnostics;

namespace FunctionsFetch.Local.Storage;

/// <summary>Starts node and npm, found on PATH.</summary>
public static class NodeProcess
{
    /// <summary>A long-running node script; it writes to this process's console.</summary>
    public static Process Start(string workingDirectory, string script, params string[] arguments) =>
        Run("node", workingDirectory, redirect: false, [script, .. arguments]);

    /// <summary>An npm command whose output the caller reads.</summary>
    public static Process StartNpm(string workingDirectory, params string[] arguments) =>
        Run(OperatingSystem.IsWindows() ? "npm.cmd" : "npm", workingDirectory, redirect: true, arguments);

    private static Process Run(string fileName, string workingDirectory, bool redirect, string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = redirect,
            RedirectStandardError = redirect,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException($"'{fileName}' did not start.");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException($"'{fileName}' could not be started; install Node.js and npm: {exception.Message}", exception);
        }
    }
}
