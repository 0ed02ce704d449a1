using System.Text.Json.Serialization;
using FunctionsFetch.Fetching;

namespace FunctionsFetch.Jobs;

/// <summary>
/// The one count of a job, or of what one batch stored: URLs in all, and of the results stored, how many
/// succeeded and how many failed (an error, or an answer of 400 and above). The orchestration publishes it as
/// its custom status and returns it as its output; the API and the CLI show it.
/// </summary>
/// <param name="Total">URLs in the job (for a batch's outcome: results it stored).</param>
/// <param name="Succeeded">Results stored that succeeded.</param>
/// <param name="Failed">Results stored that failed.</param>
public sealed record JobCounts(int Total, int Succeeded, int Failed)
{
    /// <summary>Results stored so far. Written to JSON as <c>completed</c>, the name the status has always shown.</summary>
    public int Completed => Succeeded + Failed;

    /// <summary>URLs with no result yet.</summary>
    [JsonIgnore]
    public int Pending => Total - Completed;

    /// <summary>A job of <paramref name="total"/> URLs before any result.</summary>
    public static JobCounts Start(int total) => new(total, 0, 0);

    /// <summary>What a set of stored results counts.</summary>
    public static JobCounts Of(IReadOnlyCollection<UrlResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var failed = results.Count(r => r.IsFailure);
        return new JobCounts(results.Count, results.Count - failed, failed);
    }

    /// <summary>These counts with a batch's stored results added; the total stays.</summary>
    public JobCounts Add(JobCounts stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return this with { Succeeded = Succeeded + stored.Succeeded, Failed = Failed + stored.Failed };
    }

    /// <summary>Integer arithmetic: passed when failed/total is over tolerated/100.</summary>
    public bool PassesThreshold(int toleratedPercent) => (long)Failed * 100 > (long)toleratedPercent * Total;
}
