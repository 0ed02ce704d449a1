namespace FunctionsFetch.Jobs.Callbacks;

/// <summary>What the probe saw of a job: whether it has ended (Completed, Failed or Terminated, or is gone), and when.</summary>
/// <param name="Ended">The job's status is final, or the job no longer exists.</param>
/// <param name="Terminated">It ended Terminated, so its running batches may still store rows for a while.</param>
/// <param name="EndedAt">When its status last changed; null when it is gone.</param>
public sealed record JobEndState(bool Ended, bool Terminated = false, DateTime? EndedAt = null)
{
    /// <summary>Still running (or pending, or suspended).</summary>
    public static JobEndState Running { get; } = new(false);
}
