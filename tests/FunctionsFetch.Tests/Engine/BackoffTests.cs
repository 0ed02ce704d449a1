using FunctionsFetch.Local.Engine;

namespace FunctionsFetch.Tests.Engine;

public sealed class BackoffTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(4, 5)]
    [InlineData(100, 5)]
    [InlineData(int.MaxValue, 5)]
    public void After_ConsecutiveFailures_DoublesFromOneSecondUpToFive(int failures, int expectedSeconds)
    {
        // Arrange
        var backoff = Backoff.Storage;

        // Act
        var delay = backoff.After(failures);

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), delay);
    }
}
