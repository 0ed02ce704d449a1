namespace FunctionsFetch.Jobs.Callbacks;

/// <summary>
/// The body of a job's completion callback (camelCase JSON): the job, how it ended, its counts as <c>GET /api/fetch/{id}</c> reports them,
/// why it did not complete (null when it did), and where to read its status and results, without any key.
/// </summary>
public sealed record CallbackSummary(
    string Id, string RuntimeStatus, int Total, int Succeeded, int Failed, string? Reason, string StatusUrl, string ResultsUrl)
{
    /// <summary>The summary of job <paramref name="id"/>, its URLs built on <paramref name="apiBase"/> (<c>http://host:port</c>).</summary>
    public static CallbackSummary Of(string id, string runtimeStatus, JobCounts counts, string? reason, string apiBase)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(apiBase);
        var statusUrl = $"{apiBase.TrimEnd('/')}/api/fetch/{Uri.EscapeDataString(id)}";
        return new CallbackSummary(id, runtimeStatus, counts.Total, counts.Succeeded, counts.Failed, reason, statusUrl, $"{statusUrl}/results");
    }
}
