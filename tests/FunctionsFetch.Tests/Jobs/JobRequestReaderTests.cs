using System.Text;
using FunctionsFetch.Configuration;
using FunctionsFetch.Jobs;
using Microsoft.Extensions.Options;

namespace FunctionsFetch.Tests.Jobs;

public sealed class JobRequestReaderTests
{
    private static readonly string[] TwoUrls = ["https://example.test/1", "https://example.test/2"];

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("application/json; charset=\"utf-8\"")]
    [InlineData("application/problem+json; charset=Utf-8")]
    public async Task ReadAsync_JsonWithUtf8OrNoCharset_ReadsTheUrls(string contentType)
    {
        // Arrange
        var body = """{"urls": ["https://example.test/1", "https://example.test/2"]}""";

        // Act
        var result = await ReadAsync(contentType, Encoding.UTF8.GetBytes(body));

        // Assert
        Assert.Null(result.Error);
        Assert.Equal(TwoUrls, result.Input!.Urls);
    }

    [Theory]
    [InlineData("application/json", """{"urls": ["https://example.test/1", "https://example.test/2"]}""")]
    [InlineData("text/plain", "https://example.test/1\r\nhttps://example.test/2\r\n")]
    [InlineData("text/plain; charset=utf-8", "https://example.test/1\nhttps://example.test/2")]
    public async Task ReadAsync_BodyStartsWithUtf8Bom_SkipsTheBom(string contentType, string body)
    {
        // Arrange: what Windows tools (Notepad, PowerShell 5 Out-File) write.
        byte[] bytes = [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(body)];

        // Act
        var result = await ReadAsync(contentType, bytes);

        // Assert
        Assert.Null(result.Error);
        Assert.Equal(TwoUrls, result.Input!.Urls);
    }

    [Fact]
    public async Task ReadAsync_TwoBoms_RefusesTheSecondAsNotJson()
    {
        // Arrange: only one leading BOM is skipped; a second one is content.
        byte[] bytes = [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.Preamble, .. """{"urls": ["https://example.test/1"]}"""u8];

        // Act
        var result = await ReadAsync("application/json", bytes);

        // Assert
        Assert.Equal(JobRequestErrorKind.Invalid, result.Error!.Kind);
        Assert.Contains("not valid JSON", result.Error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x09)]
    [InlineData(0x0B)]
    [InlineData(0x1B)]
    [InlineData(0x7F)]
    [InlineData(0x9F)]
    public async Task ReadAsync_TextLineWithControlCharacterInside_RefusesNamingLineAndIndex(int codePoint)
    {
        // Arrange: spaces around the line are trimmed; the character inside it is not a line break (as CR, LF, FF and NEL are).
        var body = $"https://example.test/ok\n  https://example.test/a{(char)codePoint}b  \n";

        // Act
        var result = await ReadAsync("text/plain", Encoding.UTF8.GetBytes(body));

        // Assert
        Assert.Equal(JobRequestErrorKind.Invalid, result.Error!.Kind);
        Assert.Contains($"urls[1] (line 2) contains the control character U+{codePoint:X4}", result.Error.Detail, StringComparison.Ordinal);
        Assert.Equal(1, result.Error.Index);
    }

    [Fact]
    public async Task ReadAsync_TextLinesWithSurroundingTabsAndSpaces_TrimsThem()
    {
        // Arrange: text/plain is a line format; whitespace around a line is not part of the URL.
        var body = "\thttps://example.test/1 \t\n   https://example.test/2\n";

        // Act
        var result = await ReadAsync("text/plain", Encoding.UTF8.GetBytes(body));

        // Assert
        Assert.Null(result.Error);
        Assert.Equal(TwoUrls, result.Input!.Urls);
    }

    [Fact]
    public async Task ReadAsync_UrlWithCredentials_DetailNeverRepeatsThem()
    {
        // Arrange
        var body = """{"urls": ["https://alice:s3cret@example.test/private"]}""";

        // Act
        var result = await ReadAsync("application/json", Encoding.UTF8.GetBytes(body));

        // Assert
        Assert.Equal(JobRequestErrorKind.Invalid, result.Error!.Kind);
        Assert.Contains("urls[0] carries credentials", result.Error.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", result.Error.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("alice", result.Error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_OtherCharset_Answers415NamingTheCharset()
    {
        // Arrange
        var body = """{"urls": ["https://example.test/1"]}""";

        // Act
        var result = await ReadAsync("application/json; charset=windows-1252", Encoding.Latin1.GetBytes(body));

        // Assert
        Assert.Equal(JobRequestErrorKind.UnsupportedCharset, result.Error!.Kind);
        Assert.Contains("charset 'windows-1252'", result.Error.Detail, StringComparison.Ordinal);
        Assert.Contains("utf-8", result.Error.Detail, StringComparison.Ordinal);
    }

    private static Task<JobRequestResult> ReadAsync(string contentType, byte[] body) =>
        new JobRequestReader(Options.Create(new FetchOptions()))
            .ReadAsync(contentType, body.Length, new MemoryStream(body), queryJobId: null, CancellationToken.None);
}
