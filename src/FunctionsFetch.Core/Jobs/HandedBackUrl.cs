namespace FunctionsFetch.Jobs;

/// <summary>
/// A URL a batch did not finish because its next attempt must wait longer than a batch holds a slot
/// (<c>Fetch:HandBackAfterSeconds</c>); the orchestration fetches it again after a durable timer.
/// </summary>
/// <param name="Position">Its position within the batch (0 is the batch's first URL).</param>
/// <param name="Attempts">Attempts made so far; they count toward the job's maxAttempts.</param>
/// <param name="WaitSeconds">How long to wait before the next attempt, already capped by <c>Fetch:MaxRetryDelaySeconds</c>.</param>
public sealed record HandedBackUrl(int Position, int Attempts, int WaitSeconds);
