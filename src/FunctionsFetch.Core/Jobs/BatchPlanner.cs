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

    public static IReadOnlyList<FetchBatch> Plan(string jobId, FetchJobInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Plan(jobId, input.Urls, input.Indexes, input.Settings, offset: 0, firstBatch: 0);
    }

    /// <summary>How many batches the job's URLs make.</summary>
    public static int BatchCount(int urlCount, JobSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return (urlCount + settings.BatchSize - 1) / settings.BatchSize;
    }

    private static List<FetchBatch> Plan(string jobId, IReadOnlyList<string> urls, IReadOnlyList<int>? indexes, JobSettings settings, int offset, int firstBatch)
    {
        var size = settings.BatchSize;
        var batches = new List<FetchBatch>((urls.Count + size - 1) / size);
        for (var start = 0; start < urls.Count; start += size)
        {
            var count = Math.Min(size, urls.Count - start);
            var batchIndexes = indexes is null ? null : Slice(indexes, start, count);
            batches.Add(new FetchBatch(jobId, firstBatch + batches.Count, offset + start, Slice(urls, start, count), settings, batchIndexes));
        }

        return batches;
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
