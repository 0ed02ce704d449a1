using FunctionsFetch.Configuration;
using FunctionsFetch.Jobs;

namespace FunctionsFetch.Tests.Jobs;

public sealed class BatchPlannerTests
{
    [Theory]
    [InlineData(1, 50, new[] { 1 })]
    [InlineData(50, 50, new[] { 50 })]
    [InlineData(51, 50, new[] { 50, 1 })]
    [InlineData(230, 100, new[] { 100, 100, 30 })]
    [InlineData(5, 1, new[] { 1, 1, 1, 1, 1 })]
    public void Plan_UrlsAndBatchSize_MakesConsecutiveBatchesWithOffsets(int urlCount, int batchSize, int[] expectedSizes)
    {
        // Arrange
        var urls = Enumerable.Range(0, urlCount).Select(i => $"http://example.test/{i}").ToArray();
        var input = new FetchJobInput(urls, new JobSettings { BatchSize = batchSize });

        // Act
        var batches = BatchPlanner.Plan("job-1", input);

        // Assert
        Assert.Equal(expectedSizes, batches.Select(b => b.Urls.Count));
        Assert.Equal(Enumerable.Range(0, batches.Count), batches.Select(b => b.Number));
        var offset = 0;
        foreach (var batch in batches)
        {
            Assert.Equal("job-1", batch.JobId);
            Assert.Null(batch.Indexes);
            Assert.Equal(offset, batch.IndexOf(0));
            Assert.Equal(offset, batch.Offset);
            Assert.Equal(urls.Skip(offset).Take(batch.Urls.Count), batch.Urls);
            offset += batch.Urls.Count;
        }
    }

    [Fact]
    public void Plan_InputWithOriginalIndexes_GivesEachBatchItsSliceOfThem()
    {
        // Arrange
        var input = new FetchJobInput(["https://e.test/a", "https://e.test/b", "https://e.test/c"], new JobSettings { BatchSize = 2 }, [4, 9, 12]);

        // Act
        var batches = BatchPlanner.Plan("retry", input);

        // Assert
        Assert.Equal([4, 9], batches[0].Indexes);
        Assert.Equal([12], batches[1].Indexes);
        Assert.Equal(12, batches[1].IndexOf(0));
    }

    [Fact]
    public void Segments_MoreBatchesThanASegmentHolds_SplitsIntoConsecutiveRunsThatPlanTheSameBatches()
    {
        // Arrange: 23 URLs in batches of 2 make 12 batches; segments hold 5 batches.
        var urls = Enumerable.Range(0, 23).Select(i => $"http://example.test/{i}").ToArray();
        var input = new FetchJobInput(urls, new JobSettings { BatchSize = 2 });

        // Act
        var segments = BatchPlanner.Segments("job-1", input, maxBatches: 5);
        var segmentBatches = segments.SelectMany(s => BatchPlanner.Plan("job-1", s)).ToList();

        // Assert
        Assert.Equal([0, 1, 2], segments.Select(s => s.Number));
        Assert.Equal([0, 5, 10], segments.Select(s => s.FirstBatch));
        Assert.Equal([0, 10, 20], segments.Select(s => s.Offset));
        Assert.Equal([10, 10, 3], segments.Select(s => s.Urls.Count));
        Assert.Equal(BatchPlanner.Plan("job-1", input).Select(b => (b.Number, b.Offset, string.Join(' ', b.Urls))),
            segmentBatches.Select(b => (b.Number, b.Offset, string.Join(' ', b.Urls))));
    }

    [Fact]
    public void Segments_InputWithOriginalIndexes_GivesEachSegmentItsSliceOfThem()
    {
        // Arrange
        var input = new FetchJobInput(["https://e.test/a", "https://e.test/b", "https://e.test/c"], new JobSettings { BatchSize = 1 }, [4, 9, 12]);

        // Act
        var segments = BatchPlanner.Segments("retry", input, maxBatches: 2);

        // Assert
        Assert.Equal([4, 9], segments[0].Indexes);
        Assert.Equal([12], segments[1].Indexes);
        Assert.Equal(12, BatchPlanner.Plan("retry", segments[1]).Single().IndexOf(0));
    }

    [Fact]
    public void SegmentInstanceId_AnyJob_CannotBeAClientJobId()
    {
        // Act
        var id = BatchPlanner.SegmentInstanceId("nightly", 3);

        // Assert
        Assert.Equal("nightly:segment:0003", id);
        Assert.False(JobIds.IsValid(id));
    }
}
