using FunctionsFetch.Fetching.Robots;
using FunctionsFetch.Tests.TestSupport;

namespace FunctionsFetch.Tests.Fetching.Robots;

public sealed class CrawlDelayGateTests
{
    private readonly InstantTimeProvider _time = new();

    [Fact]
    public async Task WaitTurnAsync_FirstRequestToAHost_DoesNotWait()
    {
        // Arrange
        var gate = new CrawlDelayGate(_time);

        // Act
        await gate.WaitTurnAsync("http://a.test:80", TimeSpan.FromSeconds(2), CancellationToken.None);

        // Assert
        Assert.Empty(_time.Waits);
    }

    [Fact]
    public async Task WaitTurnAsync_ThreeRequestsToOneHost_EachStartsOneSpacingAfterThePrevious()
    {
        // Arrange
        var gate = new CrawlDelayGate(_time);
        var spacing = TimeSpan.FromSeconds(2);

        // Act
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => gate.WaitTurnAsync("http://a.test:80", spacing, CancellationToken.None)));

        // Assert
        var waits = _time.Waits.Order().ToList();
        Assert.Equal(2, waits.Count);
        Assert.InRange(waits[0], spacing - TimeSpan.FromSeconds(1), spacing);
        Assert.InRange(waits[1], (2 * spacing) - TimeSpan.FromSeconds(1), 2 * spacing);
    }

    [Fact]
    public async Task WaitTurnAsync_OtherHosts_DoNotWaitForEachOther()
    {
        // Arrange
        var gate = new CrawlDelayGate(_time);

        // Act
        await gate.WaitTurnAsync("http://a.test:80", TimeSpan.FromSeconds(5), CancellationToken.None);
        await gate.WaitTurnAsync("http://b.test:80", TimeSpan.FromSeconds(5), CancellationToken.None);
        await gate.WaitTurnAsync("https://a.test:443", TimeSpan.FromSeconds(5), CancellationToken.None);

        // Assert
        Assert.Empty(_time.Waits);
    }

    [Fact]
    public async Task WaitTurnAsync_Canceled_Throws()
    {
        // Arrange
        var gate = new CrawlDelayGate();
        await gate.WaitTurnAsync("http://a.test:80", TimeSpan.FromMinutes(1), CancellationToken.None);
        using var canceled = new CancellationTokenSource();
        await canceled.CancelAsync();

        // Act
        var wait = gate.WaitTurnAsync("http://a.test:80", TimeSpan.FromMinutes(1), canceled.Token);

        // Assert
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }
}
