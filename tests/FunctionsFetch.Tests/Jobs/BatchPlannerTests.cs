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

    [Theory]
    [InlineData(0, 2, new[] { 0, 1 })]
    [InlineData(2, 2, new[] { 2, 3 })]
    [InlineData(4, 2, new[] { 4 })]
    [InlineData(5, 2, new int[0])]
    public void Plan_FromABatchOn_PlansOnlyThatRunWithJobWideNumbersAndOffsets(int firstBatch, int maxBatches, int[] expectedNumbers)
    {
        // Arrange: 9 URLs in batches of 2 make 5 batches.
        var urls = Enumerable.Range(0, 9).Select(i => $"http://example.test/{i}").ToArray();
        var input = new FetchJobInput(urls, new JobSettings { BatchSize = 2 }, Indexes: Enumerable.Range(100, 9).ToArray());

        // Act
        var batches = BatchPlanner.Plan("job-1", input, firstBatch, maxBatches);

        // Assert
        Assert.Equal(expectedNumbers, batches.Select(b => b.Number));
        Assert.All(batches, b => Assert.Equal(b.Number * 2, b.Offset));
        Assert.All(batches, b => Assert.Equal(urls.Skip(b.Offset).Take(b.Urls.Count), b.Urls));
        Assert.All(batches, b => Assert.Equal(100 + b.Offset, b.IndexOf(0)));
    }
}
