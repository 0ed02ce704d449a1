using System.Text;
using FunctionsFetch.Fetching.Robots;

namespace FunctionsFetch.Tests.Fetching.Robots;

/// <summary>How a path is matched against a group's rules (RFC 9309 2.2.2, 2.2.3, 2.5 and the example of section 5.2).</summary>
public sealed class RobotsTxtParserMatchTests
{
    [Theory]
    [InlineData("/example/page/", true)]
    [InlineData("/example/page/other.gif", true)]
    [InlineData("/example/page/disallowed.gif", false)]
    [InlineData("/example/", true)]
    public void Parse_Rfc52LongestMatch_TheMostSpecificRuleWins(string path, bool expected)
    {
        // Arrange: RFC 9309 section 5.2, verbatim.
        const string Text = """
            User-Agent: foobot
            Allow: /example/page/
            Disallow: /example/page/disallowed.gif
            """;
        var rules = RobotsTxtParser.Parse(Text, "foobot");

        // Act
        var allowed = rules.IsAllowed(path);

        // Assert
        Assert.Equal(expected, allowed);
    }

    [Theory]
    [InlineData("Allow: /page\nDisallow: /page")]
    [InlineData("Disallow: /page\nAllow: /page")]
    public void IsAllowed_AllowAndDisallowEquallyLong_AllowWins(string ruleLines)
    {
        // Arrange
        var rules = RobotsTxtParser.Parse("User-agent: *\n" + ruleLines, "FunctionsFetch");

        // Act
        var allowed = rules.IsAllowed("/page/1");

        // Assert
        Assert.True(allowed);
    }

    [Fact]
    public void FindDecidingRule_DisallowedPath_NamesTheRuleAsWritten()
    {
        // Arrange
        var rules = RobotsTxtParser.Parse("User-agent: *\nDisallow: /\nDisallow: /private/\nAllow: /public", "FunctionsFetch");

        // Act
        var rule = rules.FindDecidingRule("/private/report?id=1");

        // Assert
        Assert.NotNull(rule);
        Assert.Equal("Disallow: /private/", rule.ToString());
    }

    [Theory]
    [InlineData("/this/path/exactly$", "/this/path/exactly", false)]
    [InlineData("/this/path/exactly$", "/this/path/exactly/more", true)]
    [InlineData("/this/path/exactly$", "/this/path/exactly?q=1", true)]
    [InlineData("/this/*/exactly", "/this/a/exactly", false)]
    [InlineData("/this/*/exactly", "/this/a/b/exactly/and/more", false)]
    [InlineData("/this/*/exactly", "/this/exactly", true)]
    [InlineData("*.php", "/index.php", false)]
    [InlineData("/*.php$", "/index.php", false)]
    [InlineData("/*.php$", "/index.php?x=1", true)]
    [InlineData("/fish*", "/fish.html", false)]
    [InlineData("/fish*", "/Fish.html", true)]
    [InlineData("/*/*/end$", "/a/b/end", false)]
    [InlineData("/*/*/end$", "/a/b/end/", true)]
    [InlineData("/a$b", "/a$b", false)]
    public void IsAllowed_WildcardAndEndAnchor_MatchAsSection222Says(string pattern, string path, bool expected)
    {
        // Arrange
        var rules = RobotsTxtParser.Parse($"User-agent: *\nDisallow: {pattern}", "FunctionsFetch");

        // Act
        var allowed = rules.IsAllowed(path);

        // Assert
        Assert.Equal(expected, allowed);
    }

    [Theory]
    [InlineData("/foo/bar?baz=quz", "/foo/bar?baz=quz")]
    [InlineData("/foo/bar?baz=https://www.example.com", "/foo/bar?baz=https://www.example.com")]
    [InlineData("/foo/bar/ツ", "/foo/bar/%E3%83%84")]
    [InlineData("/foo/bar/%E3%83%84", "/foo/bar/%E3%83%84")]
    [InlineData("/foo/bar/%e3%83%84", "/foo/bar/%E3%83%84")]
    [InlineData("/foo/bar/%62%61%7A", "/foo/bar/baz")]
    [InlineData("/foo/bar/baz", "/foo/bar/%62%61%7A")]
    public void IsAllowed_PercentEncodedOrNot_ComparesOneSpelling(string pattern, string path)
    {
        // Arrange: the rows of RFC 9309 section 2.2.2's encoding table, each side in either spelling.
        var rules = RobotsTxtParser.Parse($"User-agent: *\nDisallow: {pattern}$", "FunctionsFetch");

        // Act
        var allowed = rules.IsAllowed(path);

        // Assert
        Assert.False(allowed);
    }

    [Theory]
    [InlineData("/path/file-with-a-%2A.html", "/path/file-with-a-*.html", false)]
    [InlineData("/path/file-with-a-%2A.html", "/path/file-with-a-x.html", true)]
    [InlineData("/path/foo-%24", "/path/foo-$", false)]
    [InlineData("/path/foo-%24", "/path/foo-", true)]
    public void IsAllowed_EncodedSpecialCharacter_MatchesOnlyTheLiteralCharacter(string pattern, string path, bool expected)
    {
        // Arrange
        var rules = RobotsTxtParser.Parse($"User-agent: *\nDisallow: {pattern}", "FunctionsFetch");

        // Act
        var allowed = rules.IsAllowed(path);

        // Assert
        Assert.Equal(expected, allowed);
    }

    [Theory]
    [InlineData("/robots.txt", true)]
    [InlineData("/robots.txt.bak", false)]
    [InlineData("/other", false)]
    public void IsAllowed_EverythingDisallowed_StillAllowsRobotsTxt(string path, bool expected)
    {
        // Arrange
        var rules = RobotsTxtParser.Parse("User-agent: *\nDisallow: /", "FunctionsFetch");

        // Act
        var allowed = rules.IsAllowed(path);

        // Assert
        Assert.Equal(expected, allowed);
    }

    [Fact]
    public void Parse_RulesPastTheParseLimit_AreIgnored()
    {
        // Arrange: a rule, 500 KiB of comments, and a rule after them.
        var text = new StringBuilder("User-agent: *\nDisallow: /early\n");
        while (text.Length < RobotsTxtParser.MaxBytes)
        {
            text.Append("# ").Append('x', 1021).Append('\n');
        }

        text.Append("Disallow: /late\n");

        // Act
        var rules = RobotsTxtParser.Parse(text.ToString(), "FunctionsFetch");

        // Assert
        Assert.False(rules.IsAllowed("/early"));
        Assert.True(rules.IsAllowed("/late"));
    }

    [Fact]
    public void Parse_LineCutByTheParseLimit_IsDropped()
    {
        // Arrange: the limit falls inside "/cut-here", which read in part would disallow "/cut".
        var head = "User-agent: *\n";
        var text = head + new string('#', RobotsTxtParser.MaxBytes - head.Length - "Disallow: /cut".Length - 1) + "\nDisallow: /cut-here\n";

        // Act
        var rules = RobotsTxtParser.Parse(text, "FunctionsFetch");

        // Assert
        Assert.True(rules.IsAllowed("/cut"));
        Assert.True(rules.IsAllowed("/cut-here"));
    }

    [Fact]
    public void Parse_RuleEndingJustInsideTheParseLimit_IsKept()
    {
        // Arrange
        var head = "User-agent: *\n";
        var rule = "Disallow: /last\n";
        var text = head + new string('#', RobotsTxtParser.MaxBytes - head.Length - rule.Length - 1) + "\n" + rule;

        // Act
        var rules = RobotsTxtParser.Parse(text, "FunctionsFetch");

        // Assert
        Assert.Equal(RobotsTxtParser.MaxBytes, Encoding.UTF8.GetByteCount(text));
        Assert.False(rules.IsAllowed("/last"));
    }

    [Theory]
    [InlineData("Crawl-delay: 2", 2.0)]
    [InlineData("crawl-delay: 0.5", 0.5)]
    [InlineData("Crawl-delay: 2\nCrawl-delay: 7", 7.0)]
    public void Parse_CrawlDelay_IsTheGroupsLongestDelay(string lines, double seconds)
    {
        // Arrange
        var text = "User-agent: FunctionsFetch\nDisallow: /x\n" + lines;

        // Act
        var rules = RobotsTxtParser.Parse(text, "FunctionsFetch");

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(seconds), rules.CrawlDelay);
    }

    [Theory]
    [InlineData("Crawl-delay: soon")]
    [InlineData("Crawl-delay: -1")]
    [InlineData("")]
    public void Parse_NoReadableCrawlDelay_HasNone(string line)
    {
        // Arrange
        var text = "User-agent: *\n" + line + "\nDisallow: /x";

        // Act
        var rules = RobotsTxtParser.Parse(text, "FunctionsFetch");

        // Assert
        Assert.Null(rules.CrawlDelay);
    }

    [Fact]
    public void Parse_CrawlDelayOfAnotherGroup_DoesNotApply()
    {
        // Arrange
        const string Text = """
            User-agent: *
            Crawl-delay: 5

            User-agent: FunctionsFetch
            Disallow: /x
            """;

        // Act
        var rules = RobotsTxtParser.Parse(Text, "FunctionsFetch");

        // Assert
        Assert.Null(rules.CrawlDelay);
    }
}
