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
    public void Plan_UrlCountAndBatchSize_MakesConsecutiveBatchesWithOffsets(int urlCount, int batchSize, int[] expectedSizes)
    {
        // Arrange
        var input = new FetchJobInput(urlCount, new JobSettings { BatchSize = batchSize });

        // Act
        var batches = BatchPlanner.Plan("job-1", input);

        // Assert
        Assert.Equal(expectedSizes, batches.Select(b => b.Count));
        Assert.Equal(Enumerable.Range(0, batches.Count), batches.Select(b => b.Number));
        var offset = 0;
        foreach (var batch in batches)
        {
            Assert.Equal("job-1", batch.JobId);
            Assert.Equal(offset, batch.Offset);
            offset += batch.Count;
        }

        Assert.Equal(urlCount, offset);
    }

    [Theory]
    [InlineData(0, 2, new[] { 0, 1 })]
    [InlineData(2, 2, new[] { 2, 3 })]
    [InlineData(4, 2, new[] { 4 })]
    [InlineData(5, 2, new int[0])]
    public void Plan_FromABatchOn_PlansOnlyThatRunWithJobWideNumbersAndOffsets(int firstBatch, int maxBatches, int[] expectedNumbers)
    {
        // Arrange: 9 URLs in batches of 2 make 5 batches.
        var input = new FetchJobInput(9, new JobSettings { BatchSize = 2 });

        // Act
        var batches = BatchPlanner.Plan("job-1", input, firstBatch, maxBatches);

        // Assert
        Assert.Equal(expectedNumbers, batches.Select(b => b.Number));
        Assert.All(batches, b => Assert.Equal(b.Number * 2, b.Offset));
        Assert.All(batches, b => Assert.Equal(Math.Min(2, 9 - b.Offset), b.Count));
    }
}
