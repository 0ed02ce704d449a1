using System.Net.Http.Headers;
using FunctionsFetch.Fetching;

namespace FunctionsFetch.Tests.Fetching;

public sealed class RetryDelayTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(30);

    [Fact]
    public void FromRetryAfter_HugeSeconds_IsCappedAtTheMaximum()
    {
        // Act
        var delay = RetryDelay.FromRetryAfter(new RetryConditionHeaderValue(TimeSpan.FromSeconds(100_000)), Now, Cap);

        // Assert
        Assert.Equal(Cap, delay);
    }

    [Fact]
    public void FromRetryAfter_SecondsBelowTheCap_AreKept()
    {
        // Act
        var delay = RetryDelay.FromRetryAfter(new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)), Now, Cap);

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(7), delay);
    }

    [Fact]
    public void FromRetryAfter_HttpDateFarAhead_IsCappedAtTheMaximum()
    {
        // Act
        var delay = RetryDelay.FromRetryAfter(new RetryConditionHeaderValue(Now.AddDays(3)), Now, Cap);

        // Assert
        Assert.Equal(Cap, delay);
    }

    [Fact]
    public void FromRetryAfter_HttpDateInThePast_IsNoWait()
    {
        // Act
        var delay = RetryDelay.FromRetryAfter(new RetryConditionHeaderValue(Now.AddMinutes(-1)), Now, Cap);

        // Assert
        Assert.Equal(TimeSpan.Zero, delay);
    }

    [Fact]
    public void FromRetryAfter_NoHeader_IsNull()
    {
        // Act
        var delay = RetryDelay.FromRetryAfter(null, Now, Cap);

        // Assert
        Assert.Null(delay);
    }

    [Theory]
    [InlineData(0, 500)]
    [InlineData(1, 1000)]
    [InlineData(4, 8000)]
    [InlineData(6, 30_000)]
    [InlineData(1000, 30_000)]
    public void Backoff_DoublesFromTheBaseUpToTheCap(int retryNumber, int expectedMilliseconds)
    {
        // Act
        var delay = RetryDelay.Backoff(retryNumber, TimeSpan.FromMilliseconds(500), Cap);

        // Assert
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), delay);
    }
}
