using FunctionsFetch.Client;

namespace FunctionsFetch.Local.Cli;

/// <summary>What one <c>fetch</c> run was asked to do, read from its command line.</summary>
/// <param name="Input">The URL list's path, or <c>-</c> for standard input.</param>
/// <param name="Endpoint">The running server to submit to (unused with <paramref name="Embedded"/>).</param>
/// <param name="Embedded">Start the engine in this process instead.</param>
/// <param name="Storage">The embedded engine's storage connection; in memory when null.</param>
/// <param name="Out">Where results go; standard output when null or <c>-</c>.</param>
/// <param name="Format">The results' format.</param>
/// <param name="ApiKey">Sent as <c>x-functions-key</c> when set.</param>
/// <param name="JobId">An idempotent job id, when given.</param>
/// <param name="JobOptions">Per-job options by request name (a whole number, true/false for a switch, the method, the headers by name); only those given.</param>
/// <param name="HostArgs">Configuration for the embedded host (<c>--Key=value</c>).</param>
internal sealed record FetchSettings(
    string Input,
    Uri Endpoint,
    bool Embedded,
    string? Storage,
    string? Out,
    ResultFormat Format,
    string? ApiKey,
    string? JobId,
    IReadOnlyDictionary<string, object> JobOptions,
    IReadOnlyList<string> HostArgs)
{
    public bool ResultsToStandardOutput => Out is null or UrlListReader.StandardInput;
}
