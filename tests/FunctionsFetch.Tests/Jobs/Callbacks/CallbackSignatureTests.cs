using System.Text;
using FunctionsFetch.Jobs.Callbacks;

namespace FunctionsFetch.Tests.Jobs.Callbacks;

public sealed class CallbackSignatureTests
{
    [Fact]
    public void Sign_KnownVector_IsSha256PrefixedLowercaseHexHmac()
    {
        // Arrange: RFC 2104 HMAC-SHA256's well-known example.
        var body = Encoding.UTF8.GetBytes("The quick brown fox jumps over the lazy dog");

        // Act
        var signature = CallbackSignature.Sign(body, "key");

        // Assert
        Assert.Equal("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8", signature);
    }

    [Fact]
    public void Sign_SecretWithNonAsciiCharacters_KeysWithItsUtf8Bytes()
    {
        // Arrange
        var body = "{}"u8.ToArray();

        // Act
        var signature = CallbackSignature.Sign(body, "clé");

        // Assert
        Assert.Equal("sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(new byte[] { 0x63, 0x6C, 0xC3, 0xA9 }, body)), signature);
    }

    [Theory]
    [InlineData("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8", true)]
    [InlineData("sha256=F7BC83F430538424B13298E6AA6FB143EF4D59A14946175997479DBC2D1A3CD8", false)]
    [InlineData("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd9", false)]
    [InlineData("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8", false)]
    [InlineData(null, false)]
    public void Verify_Signature_HoldsOnlyForTheExactValue(string? signature, bool expected)
    {
        // Arrange
        var body = Encoding.UTF8.GetBytes("The quick brown fox jumps over the lazy dog");

        // Act
        var verified = CallbackSignature.Verify(body, "key", signature);

        // Assert
        Assert.Equal(expected, verified);
    }
}
