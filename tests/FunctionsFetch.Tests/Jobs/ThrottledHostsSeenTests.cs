using FunctionsFetch.Fetching;
using FunctionsFetch.Jobs;

namespace FunctionsFetch.Tests.Jobs;

public sealed class ThrottledHostsSeenTests
{
    private static readonly DateTime Start = new(2026, 12, 3, 7, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Current_TwoBatchesReportOneHost_ShowsTheLatestReport()
    {
        // Arrange
        var seen = new ThrottledHostsSeen();
        seen.Add([new ThrottledHost("https://a.test:443", 4, null)], Start);

        // Act
        seen.Add([new ThrottledHost("https://a.test:443", 2, null)], Start.AddSeconds(1));

        // Assert
        Assert.Equal([new ThrottledHost("https://a.test:443", 2, null)], seen.Current(Start.AddSeconds(1)));
    }

    [Fact]
    public void Current_HostNoBatchReportedForAMinute_IsForgotten()
    {
        // Arrange
        var seen = new ThrottledHostsSeen();
        seen.Add([new ThrottledHost("https://old.test:443", 1, null)], Start);
        seen.Add([new ThrottledHost("https://new.test:443", 3, null)], Start.AddSeconds(50));

        // Act
        var current = seen.Current(Start + ThrottledHostsSeen.ForgetAfter + TimeSpan.FromSeconds(1));

        // Assert
        Assert.Equal(["https://new.test:443"], current.Select(h => h.Host));
    }

    [Fact]
    public void Current_MoreThanTwentyHosts_ListsTheTwentyMostThrottledFirst()
    {
        // Arrange
        var seen = new ThrottledHostsSeen();
        seen.Add(Enumerable.Range(1, 30).Select(i => new ThrottledHost($"https://h{i:D2}.test:443", i, null)).ToArray(), Start);

        // Act
        var current = seen.Current(Start);

        // Assert
        Assert.Equal(ThrottledHost.MaxListed, current.Count);
        Assert.Equal(Enumerable.Range(1, 20), current.Select(h => h.Concurrency));
    }
}
