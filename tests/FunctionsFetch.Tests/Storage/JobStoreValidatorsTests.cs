using FunctionsFetch.Fetching;
using FunctionsFetch.Storage;

namespace FunctionsFetch.Tests.Storage;

/// <summary>A revalidating job's prior results, stored in the input's chunks and read back by a batch's slice.</summary>
public sealed class JobStoreValidatorsTests
{
    private readonly InMemoryBlobContainer _blobs = new();

    [Fact]
    public async Task ReadValidatorsAsync_SliceAcrossTwoChunks_ReturnsThePriorsOfBothByIndex()
    {
        // Arrange: 2,500 URLs, priors at 10, 999, 1000 and 2400.
        var store = new JobStore(_blobs);
        var byPosition = new PriorResult?[2_500];
        foreach (var position in new[] { 10, 999, 1000, 2400 })
        {
            byPosition[position] = new PriorResult(position, $"http://e.test/{position}", $"\"v{position}\"", null, "sha", 1, null, null);
        }

        // Act
        await store.WriteValidatorsAsync("job-1", byPosition, CancellationToken.None);
        var slice = await store.ReadValidatorsAsync("job-1", 990, 20, CancellationToken.None);
        var last = await store.ReadValidatorsAsync("job-1", 2000, 500, CancellationToken.None);

        // Assert
        Assert.Equal([10, 999, 1000], slice.Keys.Order());
        Assert.Equal("\"v999\"", slice[999].ETag);
        Assert.Equal([2400], last.Keys);
        Assert.Equal(3, _blobs.Count);
    }

    [Fact]
    public async Task WriteValidatorsAsync_ChunkWithoutPriors_WritesNoBlobAndReadsEmpty()
    {
        // Arrange
        var store = new JobStore(_blobs);

        // Act
        await store.WriteValidatorsAsync("job-1", new PriorResult?[1_500], CancellationToken.None);
        var priors = await store.ReadValidatorsAsync("job-1", 0, 1_500, CancellationToken.None);

        // Assert
        Assert.Empty(priors);
        Assert.Equal(0, _blobs.Count);
    }
}
