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

    // The limits the table's rows run into: MaxUrlsPerJob 3, MaxRequestBytes 2048, MaxUrlLength 100.
    private static readonly FetchOptions TableOptions = new() { MaxUrlsPerJob = 3, MaxRequestBytes = 2048, MaxUrlLength = 100 };

    public static TheoryData<string, string?, long?, JobRequestErrorKind, string, int?> BadInputs => new()
    {
        { "not json at all", "application/json", null, JobRequestErrorKind.Invalid, "not valid JSON", null },
        { """{"urls": ["https://example.test/"]}""", "application/xml", null, JobRequestErrorKind.Invalid, "Content-Type must be", null },
        { """{"urls": ["https://example.test/"]}""", null, null, JobRequestErrorKind.Invalid, "Content-Type must be", null },
        { """["https://example.test/"]""", "application/json", null, JobRequestErrorKind.Invalid, "must be a JSON object", null },
        { "{}", "application/json", null, JobRequestErrorKind.Invalid, "'urls' must be an array", null },
        { """{"urls": "https://example.test/"}""", "application/json", null, JobRequestErrorKind.Invalid, "'urls' must be an array", null },
        { """{"urls": []}""", "application/json", null, JobRequestErrorKind.Invalid, "no URLs", null },
        { "\n# only a comment\n", "text/plain", null, JobRequestErrorKind.Invalid, "no URLs", null },
        { """{"urls": ["https://example.test/", "ftp://example.test/"]}""", "application/json", null, JobRequestErrorKind.Invalid, "urls[1] is not an absolute http or https URL", 1 },
        { """{"urls": ["relative/path"]}""", "application/json", null, JobRequestErrorKind.Invalid, "urls[0] is not an absolute", 0 },
        { """{"urls": ["https://example.test/", 5]}""", "application/json", null, JobRequestErrorKind.Invalid, "urls[1] must be a string", 1 },
        { $$"""{"urls": ["https://example.test/{{new string('a', 120)}}"]}""", "application/json", null, JobRequestErrorKind.Invalid, "characters long; the limit is 100", 0 },
        { "https://example.test/ok\nmailto:someone@example.test\n", "text/plain", null, JobRequestErrorKind.Invalid, "urls[1] (line 2) is not an absolute", 1 },
        { """{"urls": ["https://e.test/1", "https://e.test/2", "https://e.test/3", "https://e.test/4"]}""", "application/json", null, JobRequestErrorKind.Invalid, "at most 3 URLs", null },
        { """{"urls": ["https://example.test/"], "options": {"retries": 2}}""", "application/json", null, JobRequestErrorKind.Invalid, "Unknown option 'retries'", null },
        { """{"urls": ["https://example.test/"], "options": {"batchSize": 0}}""", "application/json", null, JobRequestErrorKind.Invalid, "options.batchSize must be between 1 and 1000 (was 0)", null },
        { """{"urls": ["https://example.test/"], "options": {"timeoutSeconds": 301}}""", "application/json", null, JobRequestErrorKind.Invalid, "options.timeoutSeconds must be between 1 and 300", null },
        { """{"urls": ["https://example.test/"], "options": {"concurrency": 0}}""", "application/json", null, JobRequestErrorKind.Invalid, "options.concurrency must be between 1 and 1000 (was 0)", null },
        { """{"urls": ["https://example.test/"], "options": {"concurrency": 1001}}""", "application/json", null, JobRequestErrorKind.Invalid, "options.concurrency must be between 1 and 1000 (was 1001)", null },
        { """{"urls": ["https://example.test/"], "options": {"maxPerHost": 0}}""", "application/json", null, JobRequestErrorKind.Invalid, "options.maxPerHost must be between 1 and 1000 (was 0)", null },
        { """{"urls": ["https://example.test/"], "options": {"maxRatePerHost": -1}}""", "application/json", null, JobRequestErrorKind.Invalid, "options.maxRatePerHost must be between 0 and 1000 (was -1)", null },
        { """{"urls": ["https://example.test/"], "options": {"batchParallelism": 10, "maxParallelBatches": 6}}""", "application/json", null, JobRequestErrorKind.Invalid, "options.batchParallelism (10) x options.maxParallelBatches (6) = 60 fetches in flight, more than options.concurrency (50)", null },
        { """{"urls": ["https://example.test/"], "options": {"concurrency": 20, "batchParallelism": 21}}""", "application/json", null, JobRequestErrorKind.Invalid, "options.batchParallelism (21) is more than options.concurrency (20)", null },
        { """{"urls": ["https://example.test/"], "options": {"maxAttempts": "three"}}""", "application/json", null, JobRequestErrorKind.Invalid, "options.maxAttempts must be a whole number", null },
        { """{"urls": ["https://example.test/"], "options": {"maxAttempts": 1.5}}""", "application/json", null, JobRequestErrorKind.Invalid, "options.maxAttempts must be a whole number", null },
        { """{"urls": ["https://example.test/"], "options": [1]}""", "application/json", null, JobRequestErrorKind.Invalid, "'options' must be an object", null },
        { """{"urls": ["https://example.test/"], "callback": "x"}""", "application/json", null, JobRequestErrorKind.Invalid, "Unknown property 'callback'", null },
        { """{"urls": ["https://example.test/a"], "urls": ["https://example.test/b"]}""", "application/json", null, JobRequestErrorKind.Invalid, "Duplicate property 'urls'", null },
        { """{"urls": ["https://example.test/"], "jobId": "a", "jobId": "b"}""", "application/json", null, JobRequestErrorKind.Invalid, "Duplicate property 'jobId'", null },
        { """{"urls": ["https://example.test/"], "options": {}, "options": {"batchSize": 2}}""", "application/json", null, JobRequestErrorKind.Invalid, "Duplicate property 'options'", null },
        { """{"urls": ["https://example.test/"], "options": {"batchSize": 2, "batchSize": 3}}""", "application/json", null, JobRequestErrorKind.Invalid, "Duplicate option 'batchSize'", null },
        { """{"URLS": ["https://example.test/"]}""", "application/json", null, JobRequestErrorKind.Invalid, "Unknown property 'URLS'. Property names are case-sensitive: did you mean 'urls'?", null },
        { """{"urls": ["https://example.test/"], "JobId": "a"}""", "application/json", null, JobRequestErrorKind.Invalid, "Unknown property 'JobId'. Property names are case-sensitive: did you mean 'jobId'?", null },
        { """{"urls": ["https://example.test/"], "options": {"BatchSize": 2}}""", "application/json", null, JobRequestErrorKind.Invalid, "Unknown option 'BatchSize'. Option names are case-sensitive: did you mean 'batchSize'?", null },
        { """{"urls": ["https://example.test/"], "options": null}""", "application/json", null, JobRequestErrorKind.Invalid, "'options' must be an object", null },
        { """{"urls": ["https://example.test/", "https://example.test/a\nb"]}""", "application/json", null, JobRequestErrorKind.Invalid, "urls[1] contains the control character U+000A", 1 },
        { """{"urls": ["https://example.test/a\rb"]}""", "application/json", null, JobRequestErrorKind.Invalid, "urls[0] contains the control character U+000D", 0 },
        { """{"urls": ["https://example.test/a\u0000b"]}""", "application/json", null, JobRequestErrorKind.Invalid, "urls[0] contains the control character U+0000", 0 },
        { """{"urls": ["https://example.test/a\tb"]}""", "application/json", null, JobRequestErrorKind.Invalid, "urls[0] contains the control character U+0009", 0 },
        { """{"urls": ["https://example.test/a\u007fb"]}""", "application/json", null, JobRequestErrorKind.Invalid, "urls[0] contains the control character U+007F", 0 },
        { """{"urls": [" https://example.test/"]}""", "application/json", null, JobRequestErrorKind.Invalid, "urls[0] has leading or trailing whitespace", 0 },
        { """{"urls": ["https://example.test/", "https://example.test/ "]}""", "application/json", null, JobRequestErrorKind.Invalid, "urls[1] has leading or trailing whitespace", 1 },
        { """{"urls": ["https://example.test/\n"]}""", "application/json", null, JobRequestErrorKind.Invalid, "urls[0] has leading or trailing whitespace", 0 },
        { """{"urls": ["https://e.test/1", "https://e.test/2", "http://user:pass@example.test/"]}""", "application/json", null, JobRequestErrorKind.Invalid, "urls[2] carries credentials (user info before '@')", 2 },
        { """{"urls": ["https://token@example.test/"]}""", "application/json", null, JobRequestErrorKind.Invalid, "urls[0] carries credentials", 0 },
        { "https://example.test/\nhttp://u:p@example.test/\n", "text/plain", null, JobRequestErrorKind.Invalid, "urls[1] (line 2) carries credentials", 1 },
        { """{"urls": ["https://example.test/"]}""", "application/json; charset=iso-8859-1", null, JobRequestErrorKind.UnsupportedCharset, "charset 'iso-8859-1'", null },
        { "https://example.test/", "text/plain; charset=utf-16", null, JobRequestErrorKind.UnsupportedCharset, "charset 'utf-16'", null },
        { """{"urls": ["https://example.test/"]}""", "application/json", 5000, JobRequestErrorKind.TooLarge, "exceeds 2048 bytes", null },
        { $$"""{"urls": ["{{string.Join("\", \"", Enumerable.Repeat("https://example.test/x", 200))}}"]}""", "application/json", 10, JobRequestErrorKind.TooLarge, "exceeds 2048 bytes", null },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task ReadAsync_BadInput_RefusesWithKindDetailAndIndex(string body, string? contentType, long? contentLength, JobRequestErrorKind expectedKind, string expectedDetail, int? expectedIndex)
    {
        // Arrange
        var bytes = Encoding.UTF8.GetBytes(body);

        // Act
        var result = await ReadAsync(contentType, bytes, TableOptions, contentLength);

        // Assert
        Assert.Null(result.Input);
        Assert.Equal(expectedKind, result.Error!.Kind);
        Assert.Contains(expectedDetail, result.Error.Detail, StringComparison.Ordinal);
        Assert.Equal(expectedIndex, result.Error.Index);
    }

    [Theory]
    [InlineData("\"has space\"")]
    [InlineData("\"\"")]
    [InlineData("\"semi;colon\"")]
    [InlineData("42")]
    [InlineData("\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"")]
    public async Task ReadAsync_InvalidJobId_RefusesStatingTheRule(string jobIdJson)
    {
        // Arrange
        var body = $$"""{"jobId": {{jobIdJson}}, "urls": ["https://example.test/a"]}""";

        // Act
        var result = await ReadAsync("application/json", Encoding.UTF8.GetBytes(body));

        // Assert
        Assert.Null(result.Input);
        Assert.Equal(JobRequestErrorKind.Invalid, result.Error!.Kind);
        Assert.Contains("jobId must be 1-64 characters", result.Error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("\"true\"")]
    [InlineData("null")]
    public async Task ReadAsync_SaveBodiesNotABoolean_RefusesNamingTheOption(string value)
    {
        // Arrange
        var body = $$$"""{"urls": ["https://example.test/a"], "options": {"saveBodies": {{{value}}}}}""";

        // Act
        var result = await ReadAsync("application/json", Encoding.UTF8.GetBytes(body));

        // Assert
        Assert.Null(result.Input);
        Assert.Equal(JobRequestErrorKind.Invalid, result.Error!.Kind);
        Assert.Equal("options.saveBodies must be true or false.", result.Error.Detail);
    }

    [Fact]
    public async Task ReadAsync_SaveBodiesForbiddenByLimit_RefusesNamingTheLimit()
    {
        // Arrange
        var options = new FetchOptions();
        options.Limits = options.Limits with { SaveBodies = false };
        var body = """{"urls": ["https://example.test/a"], "options": {"saveBodies": true}}"""u8.ToArray();

        // Act
        var result = await ReadAsync("application/json", body, options);

        // Assert
        Assert.Null(result.Input);
        Assert.Equal(JobRequestErrorKind.Invalid, result.Error!.Kind);
        Assert.Contains("Fetch:Limits:SaveBodies is false", result.Error.Detail, StringComparison.Ordinal);
    }

    /// <summary>Reads as a host would: a null <paramref name="contentLength"/> declares the body's own length.</summary>
    private static Task<JobRequestResult> ReadAsync(string? contentType, byte[] body, FetchOptions? options = null, long? contentLength = null) =>
        new JobRequestReader(Options.Create(options ?? new FetchOptions()))
            .ReadAsync(contentType, contentLength ?? body.Length, new MemoryStream(body), queryJobId: null, CancellationToken.None);
}
