using FunctionsFetch.Configuration;
using FunctionsFetch.Jobs;
using FunctionsFetch.Storage;

namespace FunctionsFetch.Tests.Storage;

public sealed class JobStoreManifestTests
{
    private readonly JobStore _store = new(new InMemoryBlobContainer());

    [Fact]
    public async Task CreateManifestAsync_JobHasNone_StoresItAndSaysItDid()
    {
        // Arrange
        var manifest = new JobManifest("first", 2, new JobSettings());

        // Act
        var (stored, created) = await _store.CreateManifestAsync("job-1", manifest, CancellationToken.None);

        // Assert
        Assert.True(created);
        Assert.Equal(manifest, stored);
        Assert.Equal("first", (await _store.ReadManifestAsync("job-1", CancellationToken.None))!.InputHash);
    }

    [Fact]
    public async Task CreateManifestAsync_JobHasOneAlready_KeepsAndReturnsTheFirst()
    {
        // Arrange
        var first = new JobManifest("first", 2, new JobSettings());
        await _store.CreateManifestAsync("job-1", first, CancellationToken.None);

        // Act
        var (stored, created) = await _store.CreateManifestAsync("job-1", new JobManifest("second", 5, new JobSettings()), CancellationToken.None);

        // Assert
        Assert.False(created);
        Assert.Equal("first", stored.InputHash);
        Assert.Equal("first", (await _store.ReadManifestAsync("job-1", CancellationToken.None))!.InputHash);
    }

    [Fact]
    public async Task WriteInputAsync_InputStoredAlready_LeavesItAsItWas()
    {
        // Arrange
        await _store.WriteInputAsync("job-1", new JobRequest(["https://example.test/a"], new JobSettings()).ToJobUrls(), CancellationToken.None);

        // Act
        await _store.WriteInputAsync("job-1", new JobRequest(["https://example.test/other"], new JobSettings()).ToJobUrls(), CancellationToken.None);

        // Assert
        Assert.Equal(["https://example.test/a"], (await _store.ReadInputAsync("job-1", 0, 1, CancellationToken.None)).Select(u => u.Url));
    }
}
