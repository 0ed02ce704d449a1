using FunctionsFetch.Configuration;

namespace FunctionsFetch.Jobs;

/// <summary>Splits a job's URLs into consecutive batches that remember their input offsets.</summary>
public static class BatchPlanner
{
    /// <summary>
    /// Batches one generation of the orchestration runs at most; a larger job continues as new with the
    /// rest, so its history never grows with the job.
    /// </summary>
    public const int MaxBatchesPerGeneration = 500;

    /// <summary>The job's batches from <paramref name="firstBatch"/> on, at most <paramref name="maxBatches"/> of them.</summary>
    public static IReadOnlyList<FetchBatch> Plan(string jobId, FetchJobInput input, int firstBatch = 0, int maxBatches = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfNegative(firstBatch);
        var size = input.Settings.BatchSize;
        var lastBatch = (int)Math.Min(BatchCount(input.UrlCount, input.Settings), (long)firstBatch + maxBatches);
        var batches = new List<FetchBatch>(Math.Max(lastBatch - firstBatch, 0));
        for (var number = firstBatch; number < lastBatch; number++)
        {
            var offset = number * size;
            batches.Add(new FetchBatch(jobId, number, offset, Math.Min(size, input.UrlCount - offset), input.Settings, InputJobId: input.InputJobId, HasHeaders: input.HasHeaders, HasValidators: input.HasValidators));
        }

        return batches;
    }

    /// <summary>How many batches the job's URLs make.</summary>
    public static int BatchCount(int urlCount, JobSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return (urlCount + settings.BatchSize - 1) / settings.BatchSize;
    }
}
