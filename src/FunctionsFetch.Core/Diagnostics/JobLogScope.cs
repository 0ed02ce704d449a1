using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Diagnostics;

/// <summary>
/// Puts a job's id on every log written while it is open, by any logger in the same async flow
/// (HttpClient's, the fetcher's, a host's), so telemetry can be filtered to one job.
/// </summary>
public static class JobLogScope
{
    public const string PropertyName = "JobId";

    private static readonly Func<ILogger, string, IDisposable?> Scope = LoggerMessage.DefineScope<string>("Job {JobId}");

    public static IDisposable? Begin(ILogger logger, string jobId)
    {
        ArgumentNullException.ThrowIfNull(logger);
        return Scope(logger, jobId);
    }
}
