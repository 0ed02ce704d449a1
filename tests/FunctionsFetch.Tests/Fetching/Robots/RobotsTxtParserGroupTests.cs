using FunctionsFetch.Fetching.Robots;

namespace FunctionsFetch.Tests.Fetching.Robots;

/// <summary>Which group applies to a product token (RFC 9309 2.2.1 and the example of section 5.1).</summary>
public sealed class RobotsTxtParserGroupTests
{
    // RFC 9309 section 5.1, verbatim.
    private const string Rfc51Example = """
        User-Agent: *
        Disallow: *.gif$
        Disallow: /example/
        Allow: /publications/

        User-Agent: foobot
        Disallow:/
        Allow:/example/page.html
        Allow:/example/allowed.gif

        User-Agent: barbot
        User-Agent: bazbot
        Disallow: /example/page.html

        User-Agent: quxbot

        EOF
        """;

    [Theory]
    [InlineData("/example/page.html", true)]
    [InlineData("/example/allowed.gif", true)]
    [InlineData("/example/other.html", false)]
    [InlineData("/publications/", false)]
    [InlineData("/", false)]
    public void Parse_Rfc51Foobot_AllowsOnlyItsTwoPages(string path, bool expected)
    {
        // Arrange
        var rules = RobotsTxtParser.Parse(Rfc51Example, "foobot");

        // Act
        var allowed = rules.IsAllowed(path);

        // Assert
        Assert.Equal(expected, allowed);
    }

    [Theory]
    [InlineData("barbot", "/example/page.html", false)]
    [InlineData("bazbot", "/example/page.html", false)]
    [InlineData("barbot", "/example/other.html", true)]
    [InlineData("bazbot", "/image.gif", true)]
    public void Parse_Rfc51TwoUserAgentsOneGroup_BothGetTheGroupAndNotTheStarGroup(string token, string path, bool expected)
    {
        // Arrange
        var rules = RobotsTxtParser.Parse(Rfc51Example, token);

        // Act
        var allowed = rules.IsAllowed(path);

        // Assert
        Assert.Equal(expected, allowed);
    }

    [Theory]
    [InlineData("/example/page.html")]
    [InlineData("/image.gif")]
    [InlineData("/")]
    public void Parse_Rfc51GroupWithoutRules_AllowsEverything(string path)
    {
        // Arrange
        var rules = RobotsTxtParser.Parse(Rfc51Example, "quxbot");

        // Act
        var allowed = rules.IsAllowed(path);

        // Assert
        Assert.True(allowed);
    }

    [Theory]
    [InlineData("/image.gif", false)]
    [InlineData("/dir/image.gif", false)]
    [InlineData("/image.gif?size=2", true)]
    [InlineData("/example/", false)]
    [InlineData("/example/page.html", false)]
    [InlineData("/publications/", true)]
    [InlineData("/other", true)]
    public void Parse_Rfc51UnnamedCrawler_FallsBackToTheStarGroup(string path, bool expected)
    {
        // Arrange
        var rules = RobotsTxtParser.Parse(Rfc51Example, "FunctionsFetch");

        // Act
        var allowed = rules.IsAllowed(path);

        // Assert
        Assert.Equal(expected, allowed);
    }

    [Theory]
    [InlineData("/foo")]
    [InlineData("/bar")]
    [InlineData("/baz")]
    public void Parse_TwoGroupsForTheSameAgent_MergesTheirRules(string path)
    {
        // Arrange: RFC 9309 section 2.2.1's example.
        const string Text = """
            user-agent: ExampleBot
            disallow: /foo
            disallow: /bar

            user-agent: ExampleBot
            disallow: /baz
            """;

        // Act
        var rules = RobotsTxtParser.Parse(Text, "ExampleBot");

        // Assert
        Assert.False(rules.IsAllowed(path));
        Assert.True(rules.IsAllowed("/qux"));
    }

    [Theory]
    [InlineData("functionsfetch")]
    [InlineData("FUNCTIONSFETCH")]
    [InlineData("FunctionsFetch/1.0")]
    [InlineData("FunctionsFetch/2.0 (+https://example.com/bot)")]
    public void Parse_UserAgentLine_MatchesTheProductTokenCaseInsensitively(string userAgent)
    {
        // Arrange
        var text = $"""
            User-agent: *
            Disallow: /star

            User-agent: {userAgent}
            Disallow: /ours
            """;

        // Act
        var rules = RobotsTxtParser.Parse(text, "FunctionsFetch");

        // Assert
        Assert.False(rules.IsAllowed("/ours"));
        Assert.True(rules.IsAllowed("/star"));
    }

    [Theory]
    [InlineData("FunctionsFetcher")]
    [InlineData("Functions")]
    [InlineData("OtherBot FunctionsFetch")]
    public void Parse_UserAgentLineForAnotherToken_DoesNotApply(string userAgent)
    {
        // Arrange
        var text = $"""
            User-agent: {userAgent}
            Disallow: /
            """;

        // Act
        var rules = RobotsTxtParser.Parse(text, "FunctionsFetch");

        // Assert
        Assert.True(rules.IsAllowed("/page"));
    }

    [Fact]
    public void Parse_StarAndOurTokenInOneGroup_AppliesTheGroup()
    {
        // Arrange
        const string Text = """
            User-agent: *
            User-agent: FunctionsFetch
            Disallow: /shared
            """;

        // Act
        var rules = RobotsTxtParser.Parse(Text, "FunctionsFetch");

        // Assert
        Assert.False(rules.IsAllowed("/shared/page"));
    }

    [Fact]
    public void Parse_NoGroups_AllowsEverything()
    {
        // Arrange
        const string Text = """
            # only comments
            Sitemap: https://example.com/sitemap.xml
            """;

        // Act
        var rules = RobotsTxtParser.Parse(Text, "FunctionsFetch");

        // Assert
        Assert.True(rules.IsAllowed("/anything"));
        Assert.Empty(rules.Rules);
    }

    [Fact]
    public void Parse_RulesBeforeAnyUserAgent_BelongToNoGroup()
    {
        // Arrange
        const string Text = """
            Disallow: /orphan
            User-agent: *
            Disallow: /grouped
            """;

        // Act
        var rules = RobotsTxtParser.Parse(Text, "FunctionsFetch");

        // Assert
        Assert.True(rules.IsAllowed("/orphan"));
        Assert.False(rules.IsAllowed("/grouped"));
    }

    [Fact]
    public void Parse_OtherRecordsInsideAGroup_DoNotEndIt()
    {
        // Arrange
        const string Text = """
            User-agent: FunctionsFetch
            Disallow: /a
            Sitemap: https://example.com/sitemap.xml
            Unknown-field: value
            Disallow: /b
            """;

        // Act
        var rules = RobotsTxtParser.Parse(Text, "FunctionsFetch");

        // Assert
        Assert.False(rules.IsAllowed("/a"));
        Assert.False(rules.IsAllowed("/b"));
    }

    [Fact]
    public void Parse_KeysInAnyCaseWithCommentsAndBom_AreRead()
    {
        // Arrange
        const string Text = "\uFEFFUSER-AGENT: * # everyone\r\nDISALLOW: /private # keep out\r\n# a comment line\r\nallow: /private/open\r\n";

        // Act
        var rules = RobotsTxtParser.Parse(Text, "FunctionsFetch");

        // Assert
        Assert.False(rules.IsAllowed("/private/x"));
        Assert.True(rules.IsAllowed("/private/open/x"));
    }

    [Fact]
    public void Parse_EmptyDisallow_AllowsEverything()
    {
        // Arrange
        const string Text = """
            User-agent: *
            Disallow:
            """;

        // Act
        var rules = RobotsTxtParser.Parse(Text, "FunctionsFetch");

        // Assert
        Assert.True(rules.IsAllowed("/page"));
        Assert.Empty(rules.Rules);
    }
}
