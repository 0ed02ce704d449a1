using FunctionsFetch.Fetching;

namespace FunctionsFetch.Tests.Fetching;

public sealed class HttpUrlTests
{
    [Theory]
    [InlineData("http://user:pass@example.test/", true)]
    [InlineData("https://token@example.test:8443/a", true)]
    [InlineData("http://:@example.test/", true)]
    [InlineData("http://@example.test/", true)]
    [InlineData("https://example.test/", false)]
    [InlineData("https://example.test/@handle?to=a@b.test#x@y", false)]
    public void HasUserInfo_Url_SaysWhetherCredentialsPrecedeTheHost(string url, bool expected)
    {
        // Arrange
        var uri = new Uri(url);

        // Act
        var hasUserInfo = HttpUrl.HasUserInfo(uri);

        // Assert
        Assert.Equal(expected, hasUserInfo);
    }

    [Theory]
    [InlineData("http://user:pass@other.test/x?q=1#f", "http://other.test/x?q=1#f")]
    [InlineData("https://token@other.test:8443/", "https://other.test:8443/")]
    [InlineData("/relative", "https://example.test/relative")]
    public void TryResolve_LocationWithOrWithoutUserInfo_ResolvesWithoutIt(string location, string expected)
    {
        // Arrange
        var baseUri = new Uri("https://example.test/start");

        // Act
        var resolved = HttpUrl.TryResolve(baseUri, new Uri(location, UriKind.RelativeOrAbsolute), out var next);

        // Assert
        Assert.True(resolved);
        Assert.Equal(expected, next!.AbsoluteUri);
    }
}
