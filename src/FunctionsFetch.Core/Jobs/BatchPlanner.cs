namespace FunctionsFetch.Jobs;

/// <summary>Splits a job's URLs into consecutive batches that remember their input offsets.</summary>
public static class BatchPlanner
{
    public static IReadOnlyList<FetchBatch> Plan(string jobId, FetchJobInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var size = input.Settings.BatchSize;
        var batches = new List<FetchBatch>((input.Urls.Count + size - 1) / size);
        for (var offset = 0; offset < input.Urls.Count; offset += size)
        {
            var count = Math.Min(size, input.Urls.Count - offset);
            var urls = new string[count];
            var indexes = input.Indexes is null ? null : new int[count];
            for (var i = 0; i < count; i++)
            {
                urls[i] = input.Urls[offset + i];
                indexes?[i] = input.Indexes![offset + i];
            }

            batches.Add(new FetchBatch(jobId, batches.Count, offset, urls, input.Settings, indexes));
        }

        return batches;
    }
}
