using FunctionsFetch.Fetching;

namespace FunctionsFetch.Tests.Fetching;

public sealed class HostAuthorityTests
{
    [Theory]
    [InlineData("HTTPS://Example.COM/Path?q", "https://example.com:443")]
    [InlineData("http://example.com:80/", "http://example.com:80")]
    [InlineData("http://example.com/", "http://example.com:80")]
    [InlineData("http://example.com:8080/", "http://example.com:8080")]
    public void Of_Url_IsSchemeHostAndPortInLowercaseWithTheDefaultPortWritten(string url, string expected)
    {
        // Act
        var authority = HostAuthority.Of(new Uri(url));

        // Assert
        Assert.Equal(expected, authority);
    }
}
