using FunctionsFetch.Configuration;

namespace FunctionsFetch.Jobs;

/// <summary>
/// When a batch saves its finished results: every <paramref name="Results"/> new ones, or every <paramref name="Interval"/>
/// while it has some, and never sooner than <paramref name="MinSpacing"/> after its last save, so fast URLs cost storage a
/// bounded number of writes a second instead of one per <paramref name="Results"/>.
/// </summary>
public sealed record CheckpointPolicy(int Results, TimeSpan Interval, TimeSpan MinSpacing = default)
{
    /// <summary>
    /// The policy of <c>Fetch:CheckpointResults</c>, <c>Fetch:CheckpointMilliseconds</c> and
    /// <c>Fetch:CheckpointMinSpacingMilliseconds</c> for a batch with these settings.
    /// </summary>
    public static CheckpointPolicy For(FetchOptions options, JobSettings settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        var results = options.CheckpointResults > 0 ? options.CheckpointResults : Math.Max(settings.BatchParallelism, 1);
        return new CheckpointPolicy(
            results, TimeSpan.FromMilliseconds(options.CheckpointMilliseconds), TimeSpan.FromMilliseconds(options.CheckpointMinSpacingMilliseconds));
    }
}
