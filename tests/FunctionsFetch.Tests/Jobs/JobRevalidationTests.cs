using FunctionsFetch.Fetching;
using FunctionsFetch.Jobs;

namespace FunctionsFetch.Tests.Jobs;

public sealed class JobRevalidationTests
{
    private static readonly DateTimeOffset Earlier = new(2026, 11, 30, 8, 15, 0, TimeSpan.Zero);

    [Fact]
    public void Match_ReorderedListWithRepeats_NthOccurrenceTakesTheNthEarlierOne()
    {
        // Arrange: the earlier job fetched /a twice (v1, then v2) and /b once.
        UrlResult[] earlier = [Ok(0, "http://e.test/a", "\"v1\""), Ok(1, "http://e.test/b", "\"b\""), Ok(2, "http://e.test/a", "\"v2\"")];
        string[] urls = ["http://e.test/b", "http://e.test/a", "http://e.test/new", "http://e.test/a", "http://e.test/a"];

        // Act
        var matched = JobRevalidation.Match(earlier, urls);

        // Assert
        Assert.Equal(["\"b\"", "\"v1\"", null, "\"v2\"", null], matched.Select(p => p?.ETag));
        Assert.Equal([0, 1, 3], matched.OfType<PriorResult>().Select(p => p.Index));
    }

    [Fact]
    public void Match_EarlierFailuresAndAnswersWithoutValidators_HaveNothingToRevalidateButStillCountAsOccurrences()
    {
        // Arrange: /a's first occurrence failed, its second has an ETag.
        UrlResult[] earlier =
        [
            UrlResult.NotFetched(0, "http://e.test/a", FetchErrorKind.Timeout, "slow"),
            Ok(1, "http://e.test/plain", etag: null),
            Ok(2, "http://e.test/a", "\"v2\"") with { StatusCode = 404 },
            Ok(3, "http://e.test/a", "\"v3\""),
            Ok(4, "http://e.test/dated", etag: null) with { LastModified = Earlier },
        ];
        string[] urls = ["http://e.test/a", "http://e.test/plain", "http://e.test/a", "http://e.test/a", "http://e.test/dated"];

        // Act
        var matched = JobRevalidation.Match(earlier, urls);

        // Assert
        Assert.Equal([null, null, null, "\"v3\"", null], matched.Select(p => p?.ETag));
        Assert.Equal(Earlier, matched[4]?.LastModified);
    }

    [Fact]
    public void Match_EarlierNotModifiedResult_PassesOnTheBodyItKept()
    {
        // Arrange: a chain of revalidations keeps the first job's body facts.
        UrlResult[] earlier = [Ok(0, "http://e.test/a", "\"v1\"") with { StatusCode = 304, NotModified = true, BodyBlob = "first/bodies/000000000" }];

        // Act
        var prior = Assert.Single(JobRevalidation.Match(earlier, ["http://e.test/a"]));

        // Assert
        Assert.Equal(("first/bodies/000000000", "sha-0", 10L), (prior!.BodyBlob, prior.Sha256, prior.Bytes));
    }

    private static UrlResult Ok(int index, string url, string? etag) =>
        new(index, url, url, 200, 5, 10, $"sha-{index}", "text/html", 1, null, ETag: etag);
}
