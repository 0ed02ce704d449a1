using FunctionsFetch.Diagnostics;

namespace FunctionsFetch.Tests.Diagnostics;

public sealed class UrlForLogsTests
{
    [Theory]
    [InlineData("https://example.com/a/b?token=secret&x=1", "https://example.com/a/b?*")]
    [InlineData("https://example.com/a#section", "https://example.com/a")]
    [InlineData("http://example.com:8080/?sig=abc", "http://example.com:8080/?*")]
    [InlineData("https://user:password@example.com/path", "https://example.com/path")]
    [InlineData("https://example.com/plain", "https://example.com/plain")]
    [InlineData("not a url?token=secret", "not a url?*")]
    [InlineData("not a url#fragment", "not a url")]
    public void Redact_ByDefault_DropsQueryFragmentAndCredentials(string url, string expected)
    {
        // Act
        var redacted = UrlForLogs.Redact(url, keepQuery: false);

        // Assert
        Assert.Equal(expected, redacted);
    }

    [Fact]
    public void Redact_KeepQuery_KeepsTheQueryButNotCredentials()
    {
        // Arrange
        const string url = "https://user:password@example.com/a?token=secret";

        // Act
        var redacted = UrlForLogs.Redact(url, keepQuery: true);

        // Assert
        Assert.Equal("https://example.com/a?token=secret", redacted);
    }
}
