using FunctionsFetch.Configuration;

namespace FunctionsFetch.Jobs;

/// <summary>
/// A running job's new <c>concurrency</c> and the batch shape planned for it: the payload of the
/// <see cref="FetchJobNames.ConcurrencyEvent"/> the API raises. Planned by the API (<see cref="JobPlanner.Retune"/>), so the
/// orchestrator only applies it; the batch size stays, since every batch's input offset derives from it.
/// </summary>
public sealed record ConcurrencyChange(int Concurrency, int BatchParallelism, int MaxParallelBatches)
{
    /// <summary>The job's settings for the batches it starts from now on.</summary>
    public JobSettings ApplyTo(JobSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { Concurrency = Concurrency, BatchParallelism = BatchParallelism, MaxParallelBatches = MaxParallelBatches };
    }
}
