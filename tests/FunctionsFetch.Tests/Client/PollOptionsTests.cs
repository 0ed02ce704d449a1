using FunctionsFetch.Client;

namespace FunctionsFetch.Tests.Client;

public sealed class PollOptionsTests
{
    [Theory]
    [InlineData(2, 2)]
    [InlineData(100, 10)]
    [InlineData(-5, 0)]
    public void DelayFor_RetryAfter_HonouredWithinZeroAndMaxDelay(int retryAfterSeconds, int expectedSeconds)
    {
        // Arrange
        var poll = new PollOptions { MaxDelay = TimeSpan.FromSeconds(10) };

        // Act
        var delay = poll.DelayFor(TimeSpan.FromSeconds(retryAfterSeconds));

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), delay);
    }

    [Fact]
    public void DelayFor_NoRetryAfter_TheDefaultDelayCappedAtMaxDelay()
    {
        // Arrange
        var poll = new PollOptions { MaxDelay = TimeSpan.FromMilliseconds(300) };

        // Act
        var delay = poll.DelayFor(null);

        // Assert
        Assert.Equal(TimeSpan.FromMilliseconds(300), delay);
    }
}
