using FunctionsFetch.Configuration;

namespace FunctionsFetch.Jobs;

/// <summary>Splits URLs into consecutive batches that remember their input offsets.</summary>
public static class BatchPlanner
{
    /// <summary>
    /// Batches one generation of the orchestration runs at most; a larger job continues as new with the
    /// rest, so its history never grows with the job.
    /// </summary>
    public const int MaxBatchesPerGeneration = 500;

    /// <summary>
    /// The job's batches from <paramref name="firstBatch"/> on, at most <paramref name="maxBatches"/> of
    /// them: a generation slices only its own URLs, so each replay copies a run of batches, not the job.
    /// </summary>
    public static IReadOnlyList<FetchBatch> Plan(string jobId, FetchJobInput input, int firstBatch = 0, int maxBatches = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfNegative(firstBatch);
        var size = input.Settings.BatchSize;
        var lastBatch = (int)Math.Min(BatchCount(input.Urls.Count, input.Settings), (long)firstBatch + maxBatches);
        var batches = new List<FetchBatch>(Math.Max(lastBatch - firstBatch, 0));
        for (var number = firstBatch; number < lastBatch; number++)
        {
            var offset = number * size;
            var count = Math.Min(size, input.Urls.Count - offset);
            var indexes = input.Indexes is null ? null : Slice(input.Indexes, offset, count);
            batches.Add(new FetchBatch(jobId, number, offset, Slice(input.Urls, offset, count), input.Settings, indexes));
        }

        return batches;
    }

    /// <summary>How many batches the job's URLs make.</summary>
    public static int BatchCount(int urlCount, JobSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return (urlCount + settings.BatchSize - 1) / settings.BatchSize;
    }

    private static T[] Slice<T>(IReadOnlyList<T> items, int start, int count)
    {
        var slice = new T[count];
        for (var i = 0; i < count; i++)
        {
            slice[i] = items[start + i];
        }

        return slice;
    }
}
