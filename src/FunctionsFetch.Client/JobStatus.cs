using System.Diagnostics.CodeAnalysis;

namespace FunctionsFetch.Client;

/// <summary>
/// One answer of <c>GET /api/fetch/{id}</c>: the progress of a job still running, with how long the server
/// asks to wait before asking again, or the results of one that has ended. Disposing it disposes those results.
/// </summary>
public sealed class JobStatus : IDisposable
{
    internal JobStatus(FetchProgress progress, TimeSpan? retryAfter)
    {
        Progress = progress;
        RetryAfter = retryAfter;
    }

    internal JobStatus(ResultsResponse results) => Results = results;

    /// <summary>While the job runs (202).</summary>
    public FetchProgress? Progress { get; }

    /// <summary>The 202's <c>Retry-After</c> as a wait from now, uncapped; null when it sent none.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Once the job has ended (200), unread.</summary>
    public ResultsResponse? Results { get; }

    [MemberNotNullWhen(true, nameof(Results))]
    [MemberNotNullWhen(false, nameof(Progress))]
    public bool HasEnded => Results is not null;

    public void Dispose() => Results?.Dispose();
}
