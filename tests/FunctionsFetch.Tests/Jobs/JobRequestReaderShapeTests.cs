using System.Text;
using FunctionsFetch.Configuration;
using FunctionsFetch.Jobs;
using Microsoft.Extensions.Options;

namespace FunctionsFetch.Tests.Jobs;

/// <summary>The request's shape in <c>options</c>: <c>method</c> and <c>headers</c>, and every way they are refused.</summary>
public sealed class JobRequestReaderShapeTests
{
    // The header limits the table runs into: 3 headers, 64 bytes of names and values.
    internal static readonly FetchOptions TableOptions = new() { MaxRequestHeaders = 3, MaxRequestHeaderBytes = 64 };

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    public async Task ReadAsync_MethodGiven_ResolvesIt(string method)
    {
        // Arrange
        var body = $$"""{"urls": ["https://example.test/a"], "options": {"method": "{{method}}"} }""";

        // Act
        var result = await ReadAsync(body);

        // Assert
        Assert.Null(result.Error);
        Assert.Equal(method, result.Input!.Settings.Method);
    }

    [Fact]
    public async Task ReadAsync_MethodLeftOut_TakesTheServerDefault()
    {
        // Arrange
        var options = new FetchOptions { Defaults = new JobSettings { Method = FetchMethods.Head } };

        // Act
        var result = await ReadAsync("""{"urls": ["https://example.test/a"]}""", options);

        // Assert
        Assert.Equal(FetchMethods.Head, result.Input!.Settings.Method);
    }

    [Fact]
    public async Task ReadAsync_Headers_KeepsThemInOrderOutOfTheSettings()
    {
        // Arrange
        var body = """{"urls": ["https://example.test/a"], "options": {"headers": {"Authorization": "Bearer secret-token-123", "Accept": "text/html", "User-Agent": "checker/1"}}}""";

        // Act
        var result = await ReadAsync(body);

        // Assert
        Assert.Null(result.Error);
        var headers = result.Input!.Headers!;
        Assert.Equal(["Authorization", "Accept", "User-Agent"], headers.Names);
        Assert.Equal("Bearer secret-token-123", headers.Entries[0].Value);
        Assert.Equal(new FetchOptions().Defaults, result.Input.Settings);
    }

    [Fact]
    public async Task ReadAsync_EmptyHeaders_MeansNone()
    {
        // Act
        var result = await ReadAsync("""{"urls": ["https://example.test/a"], "options": {"headers": {}}}""");

        // Assert
        Assert.Null(result.Error);
        Assert.Null(result.Input!.Headers);
    }

    [Fact]
    public async Task ReadAsync_HeadersAtTheLimits_Accepted()
    {
        // Arrange: 3 headers, 64 bytes (1 + 31, 1 + 15, 1 + 15).
        var body = $$"""{"urls": ["https://example.test/a"], "options": {"headers": {"A": "{{new string('a', 31)}}", "B": "{{new string('b', 15)}}", "C": "{{new string('c', 15)}}"} } }""";

        // Act
        var result = await ReadAsync(body, TableOptions);

        // Assert
        Assert.Null(result.Error);
        Assert.Equal(3, result.Input!.Headers!.Entries.Count);
    }

    [Fact]
    public async Task ReadAsync_HeaderNameWithLineBreak_IsNamedByPositionNotRepeated()
    {
        // Arrange: repeated, such a name would forge a line in the log of refusals.
        var body = """{"urls": ["https://example.test/a"], "options": {"headers": {"X-Log\r\nForged: line": "v"}}}""";

        // Act
        var result = await ReadAsync(body);

        // Assert
        Assert.DoesNotContain("Forged", result.Error!.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', result.Error.Detail);
    }

    public static TheoryData<string, string> BadShapes => new()
    {
        { """{"method": "POST"}""", """options.method must be "GET" or "HEAD" (was "POST")""" },
        { """{"method": "head"}""", """options.method must be "GET" or "HEAD" (was "head"). Methods are case-sensitive: did you mean 'HEAD'?""" },
        { """{"method": 1}""", """options.method must be "GET" or "HEAD" (was 1)""" },
        { """{"method": null}""", """options.method must be "GET" or "HEAD" (was null)""" },
        { """{"Method": "GET"}""", "Unknown option 'Method'. Option names are case-sensitive: did you mean 'method'?" },
        { """{"header": {}}""", "Unknown option 'header'. Known options: concurrency, batchSize, batchParallelism, maxParallelBatches, maxPerHost, maxRatePerHost, timeoutSeconds, maxAttempts, maxBodyBytes, maxRedirects, toleratedFailurePercent, saveBodies, respectRobots, method, headers, revalidate, callbackUrl." },
        { """{"method": "GET", "method": "HEAD"}""", "Duplicate option 'method'" },
        { """{"headers": ["Accept: text/html"]}""", "options.headers must be an object of header names to string values" },
        { """{"headers": "Accept: text/html"}""", "options.headers must be an object of header names to string values" },
        { """{"headers": {"X-Count": 3}}""", "options.headers.X-Count must be a string." },
        { """{"headers": {"X-Null": null}}""", "options.headers.X-Null must be a string." },
        { """{"headers": {"Host": "evil.test"}}""", "options.headers.Host may not be set" },
        { """{"headers": {"content-length": "0"}}""", "options.headers.content-length may not be set" },
        { """{"headers": {"Transfer-Encoding": "chunked"}}""", "options.headers.Transfer-Encoding may not be set" },
        { """{"headers": {"Connection": "close"}}""", "options.headers.Connection may not be set" },
        { """{"headers": {"Cookie": "session=secret-token-123"}}""", "options.headers.Cookie may not be set" },
        { """{"headers": {"Content-Type": "text/plain"}}""", "options.headers.Content-Type may not be set: a GET or HEAD request has no body" },
        { """{"headers": {"X-Evil": "secret-token-123\r\nX-Injected: 1"}}""", "options.headers.X-Evil has a CR, LF or NUL character in its value" },
        { """{"headers": {"X-Evil": "secret-token-123\n"}}""", "options.headers.X-Evil has a CR, LF or NUL character in its value" },
        { """{"headers": {"X-Evil": "secret-token-123\u0000"}}""", "options.headers.X-Evil has a CR, LF or NUL character in its value" },
        { """{"headers": {"X-Accent": "secret-token-123\u00e9"}}""", "options.headers.X-Accent has the character U+00E9 in its value" },
        { """{"headers": {"Bad Name": "v"}}""", "options.headers: header #1 is not a valid header name" },
        { """{"headers": {"Accept": "v", "": "v"}}""", "options.headers: header #2 is not a valid header name" },
        { """{"headers": {"X-Log\r\nForged: line": "v"}}""", "options.headers: header #1 is not a valid header name (an HTTP token" },
        { """{"headers": {"Accept": "a", "accept": "b"}}""", "Duplicate header 'accept' in options.headers: header names are case-insensitive" },
        { """{"headers": {"A": "1", "B": "2", "C": "3", "D": "4"}}""", "options.headers holds more than 3 headers (Fetch:MaxRequestHeaders)." },
        { $$"""{"headers": {"Authorization": "secret-token-123{{new string('x', 60)}}"} }""", "options.headers is 89 bytes of names and values; the limit is 64 (Fetch:MaxRequestHeaderBytes)." },
    };

    [Theory]
    [MemberData(nameof(BadShapes))]
    public async Task ReadAsync_BadMethodOrHeaders_RefusesNamingTheOptionNeverTheValue(string jobOptions, string expectedDetail)
    {
        // Arrange
        var body = $$"""{"urls": ["https://example.test/a"], "options": {{jobOptions}} }""";

        // Act
        var result = await ReadAsync(body, TableOptions);

        // Assert
        Assert.Null(result.Input);
        Assert.Equal(JobRequestErrorKind.Invalid, result.Error!.Kind);
        Assert.Contains(expectedDetail, result.Error.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token-123", result.Error.Detail, StringComparison.Ordinal);
        Assert.Null(result.Error.Index);
    }

    private static Task<JobRequestResult> ReadAsync(string body, FetchOptions? options = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return new JobRequestReader(Options.Create(options ?? new FetchOptions()))
            .ReadAsync("application/json", bytes.Length, new MemoryStream(bytes), queryJobId: null, CancellationToken.None);
    }
}
