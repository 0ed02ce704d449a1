namespace FunctionsFetch.Local.Cli;

/// <summary>A failure the user is told about in one line, with the exit code it ends the command with.</summary>
internal sealed class CliException(string message, int exitCode) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
