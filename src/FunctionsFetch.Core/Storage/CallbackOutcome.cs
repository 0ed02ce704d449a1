namespace FunctionsFetch.Storage;

/// <summary>
/// How a job's completion callback went so far, as its status shows it (<c>callback</c>): written after every attempt.
/// </summary>
/// <param name="Delivered">An attempt was answered 2xx.</param>
/// <param name="StatusCode">The last attempt's status code; null before the first attempt, or when the last got no answer (refused, timed out).</param>
/// <param name="Attempts">POSTs made so far.</param>
public sealed record CallbackOutcome(bool Delivered, int? StatusCode, int Attempts)
{
    /// <summary>A callback not attempted yet.</summary>
    public static CallbackOutcome NotYet { get; } = new(false, null, 0);
}
