using System.Text;
using FunctionsFetch.Configuration;
using FunctionsFetch.Jobs;
using Microsoft.Extensions.Options;

namespace FunctionsFetch.Tests.Jobs;

/// <summary><c>options.callbackUrl</c>: read beside the request's shape, and every way it is refused, never repeating the URL.</summary>
public sealed class JobRequestReaderCallbackTests
{
    internal static readonly FetchOptions WithSecret = new() { CallbackSecret = "s3cret", MaxUrlLength = 64 };

    [Fact]
    public async Task ReadAsync_CallbackUrl_KeepsItOutOfTheSettings()
    {
        // Act
        var result = await ReadAsync("""{"urls": ["https://example.test/a"], "options": {"callbackUrl": "https://hooks.example.test/done?token=secret-token-123"}}""");

        // Assert
        Assert.Null(result.Error);
        Assert.Equal("https://hooks.example.test/done?token=secret-token-123", result.Input!.Callback!.Url);
        Assert.Null(result.Input.Callback.ApiBase);
        Assert.Equal(new FetchOptions().Defaults, result.Input.Settings);
    }

    [Fact]
    public async Task ReadAsync_NoCallbackUrl_HasNoCallback()
    {
        // Act
        var result = await ReadAsync("""{"urls": ["https://example.test/a"], "options": {"concurrency": 3}}""");

        // Assert
        Assert.Null(result.Input!.Callback);
    }

    [Fact]
    public async Task ReadAsync_LoopbackCallbackAllowedByConfiguration_Accepted()
    {
        // Arrange
        var options = new FetchOptions { CallbackSecret = "s3cret", AllowedTargets = ["127.0.0.1:9000"] };

        // Act
        var result = await ReadAsync("""{"urls": ["https://example.test/a"], "options": {"callbackUrl": "http://127.0.0.1:9000/hook"}}""", options);

        // Assert
        Assert.Null(result.Error);
        Assert.Equal("http://127.0.0.1:9000/hook", result.Input!.Callback!.Url);
    }

    public static TheoryData<string, string> BadCallbacks => new()
    {
        { "42", "options.callbackUrl must be a string: an absolute http or https URL." },
        { "null", "options.callbackUrl must be a string" },
        { "\"\"", "options.callbackUrl is not an absolute http or https URL." },
        { "\"/relative?token=secret-token-123\"", "options.callbackUrl is not an absolute http or https URL." },
        { "\"ftp://hooks.example.test/?token=secret-token-123\"", "options.callbackUrl is not an absolute http or https URL." },
        { "\"https://user:secret-token-123@hooks.example.test/\"", "options.callbackUrl carries credentials" },
        { "\"https://hooks.example.test/?token=secret-token-123&pad=aaaaaaaaaaaaaaaaaaaaaaaaa\"", "options.callbackUrl is 80 characters long; the limit is 64 (Fetch:MaxUrlLength)." },
        { "\"https://hooks.example.test/?token=secret-token-123\\n\"", "options.callbackUrl holds a control character or surrounding whitespace." },
        { "\" https://hooks.example.test/?token=secret-token-123\"", "options.callbackUrl holds a control character or surrounding whitespace." },
        { "\"http://127.0.0.1:8080/?token=secret-token-123\"", "options.callbackUrl is refused by the outbound guard: Refused 127.0.0.1:8080: loopback (127.0.0.0/8)." },
        { "\"http://2130706433/?token=secret-token-123\"", "options.callbackUrl is refused by the outbound guard: Refused 127.0.0.1:80: loopback" },
        { "\"http://localhost:8080/?token=secret-token-123\"", "options.callbackUrl is refused by the outbound guard: Refused localhost:8080: loopback" },
        { "\"http://[::1]/?token=secret-token-123\"", "options.callbackUrl is refused by the outbound guard: Refused [::1]:80: loopback (::1)" },
        { "\"http://10.1.2.3/?token=secret-token-123\"", "options.callbackUrl is refused by the outbound guard: Refused 10.1.2.3:80: private (10.0.0.0/8)" },
        { "\"http://169.254.169.254/latest?token=secret-token-123\"", "options.callbackUrl is refused by the outbound guard: Refused 169.254.169.254:80: cloud metadata endpoint" },
        { "\"https://hooks.example.test/\", \"callbackUrl\": \"https://hooks.example.test/\"", "Duplicate option 'callbackUrl'" },
        { "\"https://hooks.example.test/\", \"CallbackUrl\": \"x\"", "Unknown option 'CallbackUrl'. Option names are case-sensitive: did you mean 'callbackUrl'?" },
    };

    [Theory]
    [MemberData(nameof(BadCallbacks))]
    public async Task ReadAsync_BadCallbackUrl_RefusesNamingTheOptionNeverTheUrl(string callbackJson, string expectedDetail)
    {
        // Arrange
        var body = $$"""{"urls": ["https://example.test/a"], "options": {"callbackUrl": {{callbackJson}}} }""";

        // Act
        var result = await ReadAsync(body);

        // Assert
        Assert.Null(result.Input);
        Assert.Equal(JobRequestErrorKind.Invalid, result.Error!.Kind);
        Assert.Contains(expectedDetail, result.Error.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token-123", result.Error.Detail, StringComparison.Ordinal);
        Assert.Null(result.Error.Index);
    }

    [Fact]
    public async Task ReadAsync_CallbackUrlWithoutASecretOnTheServer_RefusesNamingTheSetting()
    {
        // Act
        var result = await ReadAsync("""{"urls": ["https://example.test/a"], "options": {"callbackUrl": "https://hooks.example.test/"}}""", new FetchOptions());

        // Assert
        Assert.Equal(JobRequestErrorKind.Invalid, result.Error!.Kind);
        Assert.Equal("options.callbackUrl needs Fetch:CallbackSecret set on the server: callbacks are signed with it.", result.Error.Detail);
    }

    [Fact]
    public async Task ReadAsync_MetadataCallbackWithPrivateNetworksAllowed_StillRefused()
    {
        // Arrange
        var options = new FetchOptions { CallbackSecret = "s3cret", AllowPrivateNetworks = true };

        // Act
        var loopback = await ReadAsync("""{"urls": ["https://example.test/a"], "options": {"callbackUrl": "http://127.0.0.1/hook"}}""", options);
        var metadata = await ReadAsync("""{"urls": ["https://example.test/a"], "options": {"callbackUrl": "http://169.254.169.254/hook"}}""", options);

        // Assert
        Assert.Null(loopback.Error);
        Assert.Contains("cloud metadata endpoint", metadata.Error!.Detail, StringComparison.Ordinal);
    }

    internal static Task<JobRequestResult> ReadAsync(string body, FetchOptions? options = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return new JobRequestReader(Options.Create(options ?? WithSecret))
            .ReadAsync("application/json", bytes.Length, new MemoryStream(bytes), queryJobId: null, CancellationToken.None);
    }
}
