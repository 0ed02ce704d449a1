using FunctionsFetch.Configuration;
using FunctionsFetch.Fetching;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FunctionsFetch.Tests.Fetching;

public sealed class HostBackoffTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 7, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Throttled_HostThatAnswered429WithRetryAfter_IsListedWithItsLimitAndHoldEnd()
    {
        // Arrange
        var backoff = new HostBackoff(Options.Create(new FetchOptions { MaxConcurrencyPerHost = 8 }), _time);
        var since = _time.GetTimestamp();
        var busy = backoff.For("https://busy.test:443");
        var step = await busy.EnterAsync(CancellationToken.None);
        busy.Report(step, throttled: true, TimeSpan.FromSeconds(2));
        backoff.For("https://calm.test:443").Report(0, throttled: false, retryAfter: null);

        // Act
        var throttled = backoff.Throttled(["https://busy.test:443", "https://calm.test:443", "https://unknown.test:443"], since);

        // Assert
        Assert.Equal([new ThrottledHost("https://busy.test:443", 4, _time.GetUtcNow().AddSeconds(2))], throttled);
    }

    [Fact]
    public async Task Throttled_HostThrottledBeforeTheBatchAndRecovered_IsNotListed()
    {
        // Arrange: throttled, then won everything back, before the batch started.
        var backoff = new HostBackoff(Options.Create(new FetchOptions { MaxConcurrencyPerHost = 2 }), _time);
        var host = backoff.For("https://h.test:443");
        var step = await host.EnterAsync(CancellationToken.None);
        host.Report(step, throttled: true, retryAfter: null);
        for (var i = 0; i < AdaptiveHostLimit.ProbeSlowdown; i++)
        {
            host.Report(0, throttled: false, retryAfter: null);
        }

        _time.Advance(TimeSpan.FromSeconds(1));
        var since = _time.GetTimestamp();

        // Act
        var throttled = backoff.Throttled(["https://h.test:443"], since);

        // Assert
        Assert.Empty(throttled);
    }
}
