using System.Buffers.Text;
using System.Text;
using FunctionsFetch.Storage;

namespace FunctionsFetch.Tests.Storage;

public sealed class ResultsCursorTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(3, 17)]
    [InlineData(int.MaxValue, int.MaxValue)]
    public void TryDecode_TokenEncodeWrote_GivesTheSamePosition(int entries, int rows)
    {
        // Arrange
        var cursor = new ResultsCursor(entries, rows);

        // Act
        var decoded = ResultsCursor.TryDecode(cursor.Encode(), out var position);

        // Assert
        Assert.True(decoded);
        Assert.Equal(cursor, position);
    }

    [Fact]
    public void Encode_AnyPosition_IsUrlSafe()
    {
        // Arrange
        var cursor = new ResultsCursor(123_456, 9_999);

        // Act
        var token = cursor.Encode();

        // Assert
        Assert.Matches("^[A-Za-z0-9_-]+$", token);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a cursor!")]
    [InlineData("abc")]
    [InlineData("ab+/cd")]
    public void TryDecode_NotBase64Url_IsFalse(string token)
    {
        // Act
        var decoded = ResultsCursor.TryDecode(token, out _);

        // Assert
        Assert.False(decoded);
    }

    [Theory]
    [InlineData("2.1.0")]
    [InlineData("1.1")]
    [InlineData("1.-1.0")]
    [InlineData("1.a.0")]
    [InlineData("1.1.0.0")]
    [InlineData("1.99999999999.0")]
    public void TryDecode_WellEncodedButNotACursor_IsFalse(string text)
    {
        // Arrange
        var token = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

        // Act
        var decoded = ResultsCursor.TryDecode(token, out _);

        // Assert
        Assert.False(decoded);
    }

    [Fact]
    public void TryDecode_TooLong_IsFalse()
    {
        // Arrange
        var token = new string('A', 200);

        // Act
        var decoded = ResultsCursor.TryDecode(token, out _);

        // Assert
        Assert.False(decoded);
    }
}
