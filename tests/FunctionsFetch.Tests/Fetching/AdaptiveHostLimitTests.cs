using FunctionsFetch.Fetching;
using Microsoft.Extensions.Time.Testing;

namespace FunctionsFetch.Tests.Fetching;

public sealed class AdaptiveHostLimitTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Report_Throttled_HalvesTheLimitOncePerStep()
    {
        // Arrange: 8 requests in flight under the same step.
        var limit = new AdaptiveHostLimit(8, _time);
        var steps = new List<int>();
        for (var i = 0; i < 8; i++)
        {
            steps.Add(await limit.EnterAsync(CancellationToken.None));
        }

        // Act: all 8 answer 429, as a burst does.
        foreach (var step in steps)
        {
            limit.Report(step, throttled: true, retryAfter: null);
        }

        // Assert: halved once, not eight times.
        Assert.Equal(4, limit.Limit);
    }

    [Fact]
    public async Task Report_ThrottledAgainAfterTheHalving_HalvesAgainDownToOne()
    {
        // Arrange
        var limit = new AdaptiveHostLimit(8, _time);

        // Act: a request entered after each halving is throttled too.
        for (var i = 0; i < 5; i++)
        {
            var step = await limit.EnterAsync(CancellationToken.None);
            limit.Report(step, throttled: true, retryAfter: null);
            limit.Leave();
        }

        // Assert
        Assert.Equal(1, limit.Limit);
    }

    [Fact]
    public async Task Report_Successes_WinOnePlaceBackPerLimitAnswersAndTheThrottledStepTenTimesSlower()
    {
        // Arrange: throttled at 8 (to 4), then at 4 (to 2).
        var limit = new AdaptiveHostLimit(8, _time);
        for (var i = 0; i < 2; i++)
        {
            var step = await limit.EnterAsync(CancellationToken.None);
            limit.Report(step, throttled: true, retryAfter: null);
            limit.Leave();
        }

        var backedOff = limit.Limit;

        // Act: 2 successes give 3; the step back to 4, where it was throttled, takes 3 x 10.
        var afterTwo = Succeed(limit, 2);
        var beforeProbe = Succeed(limit, (3 * AdaptiveHostLimit.ProbeSlowdown) - 1);
        var afterProbe = Succeed(limit, 1);
        var afterFour = Succeed(limit, 4);
        Succeed(limit, 10_000);

        // Assert: back at 4 unthrottled, it grows at the normal pace again, up to the ceiling.
        Assert.Equal(2, backedOff);
        Assert.Equal(3, afterTwo);
        Assert.Equal(3, beforeProbe);
        Assert.Equal(4, afterProbe);
        Assert.Equal(5, afterFour);
        Assert.Equal(8, limit.Limit);
    }

    [Fact]
    public async Task Report_RetryAfter_HoldsTheHostUntilItPasses()
    {
        // Arrange
        var limit = new AdaptiveHostLimit(8, _time);
        var step = await limit.EnterAsync(CancellationToken.None);

        // Act
        limit.Report(step, throttled: true, retryAfter: TimeSpan.FromSeconds(3));
        var held = limit.Hold();
        _time.Advance(TimeSpan.FromSeconds(3));

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(3), held);
        Assert.Equal(TimeSpan.Zero, limit.Hold());
    }

    [Fact]
    public async Task EnterAsync_AtTheLimit_WaitsAndIsAdmittedOldestFirstWhenAPlaceIsLeft()
    {
        // Arrange
        var limit = new AdaptiveHostLimit(1, _time);
        await limit.EnterAsync(CancellationToken.None);
        var first = limit.EnterAsync(CancellationToken.None).AsTask();
        var second = limit.EnterAsync(CancellationToken.None).AsTask();

        // Act
        limit.Leave();
        await first.WaitAsync(TimeSpan.FromSeconds(5));

        // Assert
        Assert.False(second.IsCompleted);
        limit.Leave();
        await second.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task EnterAsync_CanceledWhileWaiting_ThrowsAndNeverTakesAPlace()
    {
        // Arrange
        var limit = new AdaptiveHostLimit(1, _time);
        await limit.EnterAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var canceled = limit.EnterAsync(cancel.Token).AsTask();
        var next = limit.EnterAsync(CancellationToken.None).AsTask();

        // Act
        await cancel.CancelAsync();
        limit.Leave();

        // Assert: the canceled waiter is skipped; the next one gets the place.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => canceled);
        await next.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(limit.IsIdle(TimeSpan.Zero) is false);
    }

    private static int Succeed(AdaptiveHostLimit limit, int answers)
    {
        for (var i = 0; i < answers; i++)
        {
            limit.Report(step: 0, throttled: false, retryAfter: null);
        }

        return limit.Limit;
    }
}
