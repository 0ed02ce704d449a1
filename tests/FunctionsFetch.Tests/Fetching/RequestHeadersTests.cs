using FunctionsFetch.Fetching;

namespace FunctionsFetch.Tests.Fetching;

public sealed class RequestHeadersTests
{
    private static readonly RequestHeaders Headers = new(
    [
        new("Authorization", "Bearer secret-token"),
        new("Proxy-Authorization", "Basic c2VjcmV0"),
        new("X-Custom", "v"),
    ]);

    [Theory]
    [InlineData("https://example.test/a", "https://example.test/b")]
    [InlineData("https://example.test/a", "https://EXAMPLE.test:443/b")]
    public void For_TargetOnTheJobUrlsAuthority_KeepsEveryHeader(string origin, string target)
    {
        // Act
        var sent = Headers.For(new Uri(origin), new Uri(target)).Select(h => h.Key);

        // Assert
        Assert.Equal(["Authorization", "Proxy-Authorization", "X-Custom"], sent);
    }

    [Theory]
    [InlineData("https://example.test/a", "https://other.test/a")]
    [InlineData("http://127.0.0.1:8080/a", "http://127.0.0.1:8081/a")]
    [InlineData("http://127.0.0.1:8080/a", "http://localhost:8080/a")]
    [InlineData("https://example.test/a", "http://example.test/a")]
    public void For_TargetOnAnotherAuthority_DropsTheCredentials(string origin, string target)
    {
        // Act
        var sent = Headers.For(new Uri(origin), new Uri(target)).Select(h => h.Key);

        // Assert
        Assert.Equal(["X-Custom"], sent);
    }

    [Fact]
    public void ToString_Always_NamesTheHeadersWithoutValues()
    {
        // Act
        var text = Headers.ToString();

        // Assert
        Assert.Equal("Authorization, Proxy-Authorization, X-Custom", text);
    }

    [Fact]
    public void Size_Always_CountsNamesAndValuesInUtf8Bytes()
    {
        // Arrange
        var headers = new RequestHeaders([new("A", "bc"), new("Def", "")]);

        // Act
        var size = headers.Size;

        // Assert
        Assert.Equal(6, size);
    }
}
