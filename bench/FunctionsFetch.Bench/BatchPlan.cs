namespace FunctionsFetch.Bench;

/// <summary>How a FunctionsFetch job uses all of C: batches in flight x fetches per batch = C.</summary>
public sealed record BatchPlan(int BatchSize, int BatchParallelism, int ParallelBatches)
{
    /// <summary>
    /// Splits C into batches of at most <paramref name="perBatch"/> concurrent fetches, and N into
    /// <paramref name="waves"/> rounds of those batches.
    /// </summary>
    public static BatchPlan For(Scenario scenario, int perBatch, int waves)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var parallelism = Math.Min(perBatch, scenario.Concurrency);
        var batches = Math.Max(1, scenario.Concurrency / parallelism);
        var size = (int)Math.Ceiling((double)scenario.Urls / (batches * waves));
        return new BatchPlan(Math.Max(size, 1), parallelism, batches);
    }

    public int InFlight => BatchParallelism * ParallelBatches;

    /// <summary>The job's options, as the start request names them.</summary>
    public object JobOptions => new { batchSize = BatchSize, batchParallelism = BatchParallelism, maxParallelBatches = ParallelBatches };

    public override string ToString() => $"{ParallelBatches} batches x {BatchParallelism} in flight, {BatchSize} URLs each";
}
