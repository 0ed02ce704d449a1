namespace FunctionsFetch.Local.Cli;

/// <summary>What <c>fetch</c> exits with, so scripts can tell a failed job from a bad command line.</summary>
internal static class ExitCodes
{
    public const int Completed = 0;

    /// <summary>The job ended Failed or Terminated, or the server could not be reached.</summary>
    public const int JobFailed = 1;

    /// <summary>Bad command line or input: no URLs, an unreadable file, a request the server refused.</summary>
    public const int Usage = 2;

    /// <summary>Ctrl+C, as shells report a process ended by SIGINT (128 + 2).</summary>
    public const int Canceled = 130;
}
