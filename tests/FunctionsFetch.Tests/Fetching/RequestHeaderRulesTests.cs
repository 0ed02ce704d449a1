using FunctionsFetch.Fetching;

namespace FunctionsFetch.Tests.Fetching;

public sealed class RequestHeaderRulesTests
{
    [Theory]
    [InlineData("User-Agent", "link-checker/2.0 (+https://example.test/bot)")]
    [InlineData("Accept", "text/html, application/xhtml+xml;q=0.9")]
    [InlineData("Accept-Language", "de-CH, de;q=0.8")]
    [InlineData("Authorization", "Bearer abc.def-ghi_jkl")]
    [InlineData("X-Custom", "")]
    [InlineData("X-Tabbed", "a\tb")]
    public void Check_AllowedHeader_ReturnsNull(string name, string value)
    {
        // Act
        var problem = RequestHeaderRules.Check(name, value);

        // Assert
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("Host")]
    [InlineData("host")]
    [InlineData("Content-Length")]
    [InlineData("Transfer-Encoding")]
    [InlineData("CONNECTION")]
    [InlineData("Cookie")]
    [InlineData("Keep-Alive")]
    [InlineData("Upgrade")]
    [InlineData("TE")]
    [InlineData("Expect")]
    public void Check_NameTheClientManagesOrRefuses_SaysItMayNotBeSet(string name)
    {
        // Act
        var problem = RequestHeaderRules.Check(name, "v");

        // Assert
        Assert.NotNull(problem);
        Assert.StartsWith("may not be set", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ContentHeader_SaysGetAndHeadHaveNoBody()
    {
        // Act
        var problem = RequestHeaderRules.Check("Content-Type", "application/json");

        // Assert
        Assert.Contains("has no body", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Bad Name")]
    [InlineData("Bad:Name")]
    [InlineData("X-Ünicode")]
    [InlineData("X-(paren)")]
    public void Check_NameNotAToken_SaysItIsNotAValidName(string name)
    {
        // Act
        var problem = RequestHeaderRules.Check(name, "v");

        // Assert
        Assert.StartsWith("is not a valid header name", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("secret\r\nX-Injected: 1")]
    [InlineData("secret\nmore")]
    [InlineData("secret\r")]
    [InlineData("sec\0ret")]
    public void Check_ValueWithCrLfOrNul_RefusesWithoutRepeatingTheValue(string value)
    {
        // Act
        var problem = RequestHeaderRules.Check("Authorization", value);

        // Assert
        Assert.StartsWith("has a CR, LF or NUL character", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("caf\u00e9", 0xE9)]
    [InlineData("bell\u0007", 0x07)]
    [InlineData("del\u007f", 0x7F)]
    public void Check_ValueWithOtherCharacter_NamesTheCharacterOnly(string value, int codePoint)
    {
        // Act
        var problem = RequestHeaderRules.Check("X-Custom", value);

        // Assert
        Assert.StartsWith($"has the character U+{codePoint:X4} in its value", problem, StringComparison.Ordinal);
        Assert.DoesNotContain(value, problem, StringComparison.Ordinal);
    }
}
