using FunctionsFetch.Configuration;

namespace FunctionsFetch.Jobs;

/// <summary>Splits URLs into consecutive batches that remember their input offsets.</summary>
public static class BatchPlanner
{
    /// <summary>Batches in one orchestration at most; a larger job runs them in segments, each its own sub-orchestration.</summary>
    public const int MaxBatchesPerSegment = 500;

    public static IReadOnlyList<FetchBatch> Plan(string jobId, FetchJobInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Plan(jobId, input.Urls, input.Indexes, input.Settings, offset: 0, firstBatch: 0);
    }

    public static IReadOnlyList<FetchBatch> Plan(string jobId, JobSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        return Plan(jobId, segment.Urls, segment.Indexes, segment.Settings, segment.Offset, segment.FirstBatch);
    }

    /// <summary>How many batches the job's URLs make.</summary>
    public static int BatchCount(int urlCount, JobSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return (urlCount + settings.BatchSize - 1) / settings.BatchSize;
    }

    /// <summary>
    /// Runs of at most <paramref name="maxBatches"/> consecutive batches, so that no orchestration's
    /// history grows with the job: each segment's progress starts at zero until the orchestrator sets it.
    /// </summary>
    public static IReadOnlyList<JobSegment> Segments(string jobId, FetchJobInput input, int maxBatches = MaxBatchesPerSegment)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatches, 1);
        var urlsPerSegment = (long)maxBatches * input.Settings.BatchSize;
        var segments = new List<JobSegment>();
        for (var offset = 0; offset < input.Urls.Count; offset += (int)Math.Min(urlsPerSegment, int.MaxValue))
        {
            var count = (int)Math.Min(urlsPerSegment, input.Urls.Count - offset);
            var urls = Slice(input.Urls, offset, count);
            var indexes = input.Indexes is null ? null : Slice(input.Indexes, offset, count);
            var before = new JobProgress(input.Urls.Count, 0, 0);
            segments.Add(new JobSegment(jobId, segments.Count, segments.Count * maxBatches, offset, urls, indexes, input.Settings, before));
        }

        return segments;
    }

    /// <summary>The instance id of a job's segment: a colon cannot appear in a client's jobId, so it never collides with one.</summary>
    public static string SegmentInstanceId(string jobId, int number) => FormattableString.Invariant($"{jobId}:segment:{number:D4}");

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
