using FunctionsFetch.Configuration;

namespace FunctionsFetch.Jobs;

/// <summary>
/// Turns a job's <c>concurrency</c> into its batch shape: batches in flight x fetches per batch stays within concurrency
/// and as close to it as whole numbers allow, each batch runs about <see cref="TargetRounds"/> rounds of its fetches (long
/// enough that the orchestration's turnaround between batches costs little, short enough that progress, a crash's redo
/// and a cancel stay small), and the job's batches come in whole waves so the job's tail wastes little. A job plans for at
/// most half of the instance's activity slots, so a job submitted next finds slots free instead of waiting behind it. The
/// three expert overrides a job names are kept as named.
/// </summary>
public static class JobPlanner
{
    /// <summary>Rounds of its fetches a planned batch runs: 50 x 200 ms URLs keep a batch busy for 10 s.</summary>
    public const int TargetRounds = 50;

    /// <summary>The largest planned batch, so one batch's results file and redo stay bounded.</summary>
    public const int MaxPlannedBatchSize = 1000;

    /// <summary>Fetches one planned batch runs at once at most.</summary>
    public const int MaxPlannedParallelism = 256;

    /// <summary>
    /// Why the job's named overrides cannot fit its concurrency, or null when they fit. Named overrides are those not 0.
    /// </summary>
    public static string? Refusal(JobSettings requested)
    {
        ArgumentNullException.ThrowIfNull(requested);
        var concurrency = requested.Concurrency;
        return (requested.BatchParallelism, requested.MaxParallelBatches) switch
        {
            ( > 0, > 0) p when (long)p.BatchParallelism * p.MaxParallelBatches > concurrency =>
                $"options.batchParallelism ({p.BatchParallelism}) x options.maxParallelBatches ({p.MaxParallelBatches}) = {(long)p.BatchParallelism * p.MaxParallelBatches} fetches in flight, more than options.concurrency ({concurrency}). Name concurrency alone and the batch shape is planned for you.",
            ( > 0, 0) p when p.BatchParallelism > concurrency =>
                $"options.batchParallelism ({p.BatchParallelism}) is more than options.concurrency ({concurrency}).",
            (0, > 0) p when p.MaxParallelBatches > concurrency =>
                $"options.maxParallelBatches ({p.MaxParallelBatches}) is more than options.concurrency ({concurrency}): each batch fetches at least one URL at a time.",
            _ => null,
        };
    }

    /// <summary>
    /// Settings read back from a manifest. One stored before <c>concurrency</c> existed carries a whole batch shape (every
    /// option had a default then) and reads back with the default concurrency, which that shape may pass: its concurrency
    /// is then the shape's fetches in flight, so a retry of that job runs as the job did instead of being refused.
    /// </summary>
    public static JobSettings FromStored(JobSettings stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return Refusal(stored) is null
            ? stored
            : stored with { Concurrency = (int)Math.Min(int.MaxValue, (long)stored.BatchParallelism * Math.Max(1, stored.MaxParallelBatches)) };
    }

    /// <summary>The settings the job runs with: the requested ones with every unnamed override planned.</summary>
    public static JobSettings Plan(JobSettings requested, int urlCount, ActivitySlots slots)
    {
        ArgumentNullException.ThrowIfNull(requested);
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentOutOfRangeException.ThrowIfNegative(urlCount);
        if (Refusal(requested) is { } refusal)
        {
            throw new ArgumentException(refusal, nameof(requested));
        }

        var concurrency = requested.Concurrency;
        var (batches, parallelism) = (requested.MaxParallelBatches, requested.BatchParallelism) switch
        {
            ( > 0, > 0) named => named,
            (0, > 0) p => (Math.Clamp(concurrency / p.BatchParallelism, 1, Share(slots)), p.BatchParallelism),
            ( > 0, 0) b => (b.MaxParallelBatches, Math.Min(concurrency / b.MaxParallelBatches, MaxPlannedParallelism)),
            _ => Split(concurrency, Share(slots)),
        };

        var size = requested.BatchSize > 0 ? requested.BatchSize : BatchSize(urlCount, batches, parallelism);
        return requested with { BatchSize = size, BatchParallelism = parallelism, MaxParallelBatches = batches };
    }

    /// <summary>
    /// The batch shape for a running job's new <paramref name="concurrency"/>. The batch size stays (every batch's input offset
    /// derives from it), so fetches per batch are capped by it; batch overrides the job named at submit give way, since
    /// the new concurrency is what the user asks for now.
    /// </summary>
    public static ConcurrencyChange Retune(JobSettings current, int concurrency, ActivitySlots slots)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        var (batches, parallelism) = Split(concurrency, Share(slots), Math.Max(1, Math.Min(MaxPlannedParallelism, current.BatchSize)));
        return new ConcurrencyChange(concurrency, parallelism, batches);
    }

    /// <summary>Half the instance's slots, at least one: what one job plans to hold.</summary>
    private static int Share(ActivitySlots slots) => Math.Max(1, slots.Count / 2);

    /// <summary>
    /// Batches (at most <paramref name="share"/>) and fetches per batch (at most <paramref name="maxParallelism"/>) whose product comes closest to
    /// <paramref name="concurrency"/> without passing it; of equal products, more batches (they spread over instances).
    /// </summary>
    private static (int Batches, int Parallelism) Split(int concurrency, int share, int maxParallelism = MaxPlannedParallelism)
    {
        var best = (Batches: 1, Parallelism: Math.Min(concurrency, maxParallelism));
        for (var batches = 2; batches <= Math.Min(share, concurrency); batches++)
        {
            var parallelism = Math.Min(concurrency / batches, maxParallelism);
            if (batches * parallelism >= best.Batches * best.Parallelism)
            {
                best = (batches, parallelism);
            }
        }

        return best;
    }

    /// <summary>
    /// URLs per batch: about <see cref="TargetRounds"/> rounds of fetches, capped, and evened out so the job is whole
    /// waves of <paramref name="batches"/> batches (a last wave of one small batch would leave most of the job's
    /// concurrency idle at its end).
    /// </summary>
    private static int BatchSize(int urlCount, int batches, int parallelism)
    {
        var largest = (long)Math.Min(MaxPlannedBatchSize, (long)parallelism * TargetRounds);
        var waves = Math.Max(1, (long)Math.Ceiling(urlCount / (double)(batches * largest)));
        return (int)Math.Max(1, (long)Math.Ceiling(urlCount / (double)(batches * waves)));
    }
}
