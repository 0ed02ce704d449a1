using FunctionsFetch.Configuration;

namespace FunctionsFetch.Jobs;

/// <summary>When a batch saves its finished results: every <paramref name="Results"/> new ones, or every <paramref name="Interval"/> while it has some.</summary>
public sealed record CheckpointPolicy(int Results, TimeSpan Interval)
{
    /// <summary>The policy of <c>Fetch:CheckpointResults</c> and <c>Fetch:CheckpointMilliseconds</c> for a batch with these settings.</summary>
    public static CheckpointPolicy For(FetchOptions options, JobSettings settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        var results = options.CheckpointResults > 0 ? options.CheckpointResults : Math.Max(settings.BatchParallelism, 1);
        return new CheckpointPolicy(results, TimeSpan.FromMilliseconds(options.CheckpointMilliseconds));
    }
}
