using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using FunctionsFetch.Configuration;
using FunctionsFetch.Fetching;
using FunctionsFetch.Testing;
using FunctionsFetch.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsFetch.Tests.Fetching;

public sealed class UrlFetcherTests : IAsyncLifetime
{
    private static readonly JobSettings Settings = new() { TimeoutSeconds = 5, MaxAttempts = 3, MaxRedirects = 2, MaxBodyBytes = 1024 };

    private readonly ServiceProvider _services = TestServices.Build();

    private UrlFetcher Fetcher => _services.GetRequiredService<UrlFetcher>();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task FetchAsync_OkBody_ReportsStatusSizeTypeAndSha256OfBody()
    {
        // Arrange
        var body = Encoding.UTF8.GetBytes("hello, loopback");
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = "text/plain";
            await context.Response.Body.WriteAsync(body);
        });

        // Act
        var result = await Fetcher.FetchAsync(7, server.Url("/page"), Settings, CancellationToken.None);

        // Assert
        Assert.Null(result.Error);
        Assert.Equal(7, result.Index);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal(body.Length, result.Bytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(body)), result.Sha256);
        Assert.Equal("text/plain", result.ContentType);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(server.Url("/page"), result.FinalUrl);
    }

    [Fact]
    public async Task FetchAsync_AnswerWithValidators_ReportsItsETagAsSentAndLastModifiedInUtc()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.Headers.ETag = "W/\"rev-42\"";
            context.Response.Headers.LastModified = "Mon, 30 Nov 2026 08:15:00 GMT";
            await context.Response.WriteAsync("versioned");
        });

        // Act
        var result = await Fetcher.FetchAsync(0, server.Url("/versioned"), Settings, CancellationToken.None);

        // Assert
        Assert.Equal("W/\"rev-42\"", result.ETag);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 8, 15, 0, TimeSpan.Zero), result.LastModified);
        Assert.Equal(TimeSpan.Zero, result.LastModified!.Value.Offset);
    }

    [Fact]
    public async Task FetchAsync_AnswerWithoutValidators_LeavesETagAndLastModifiedNull()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync(async context => await context.Response.WriteAsync("plain"));

        // Act
        var result = await Fetcher.FetchAsync(0, server.Url("/plain"), Settings, CancellationToken.None);

        // Assert
        Assert.Null(result.ETag);
        Assert.Null(result.LastModified);
    }

    [Fact]
    public async Task FetchAsync_ServerNeverAnswersInTime_ReturnsTimeoutAfterAllAttempts()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync(async context =>
            await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted));
        var settings = Settings with { TimeoutSeconds = 1, MaxAttempts = 2 };

        // Act
        var result = await Fetcher.FetchAsync(0, server.Url("/slow"), settings, CancellationToken.None);

        // Assert
        Assert.Equal(FetchErrorKind.Timeout, result.Error?.Kind);
        Assert.Null(result.StatusCode);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(2, server.Hits);
    }

    [Fact]
    public async Task FetchAsync_503ThenOk_RetriesAndReturnsOk()
    {
        // Arrange
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            await context.Response.WriteAsync("recovered");
        });

        // Act
        var result = await Fetcher.FetchAsync(0, server.Url("/flaky"), Settings, CancellationToken.None);

        // Assert
        Assert.Null(result.Error);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(2, server.Hits);
    }

    [Fact]
    public async Task FetchAsync_AlwaysFailingWith500_ReturnsLastStatusWithoutError()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return Task.CompletedTask;
        });

        // Act
        var result = await Fetcher.FetchAsync(0, server.Url("/broken"), Settings, CancellationToken.None);

        // Assert
        Assert.Null(result.Error);
        Assert.Equal(500, result.StatusCode);
        Assert.True(result.IsFailure);
        Assert.Equal(Settings.MaxAttempts, result.Attempts);
    }

    [Fact]
    public async Task FetchAsync_NotFound_IsAResultNotARetriedError()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });

        // Act
        var result = await Fetcher.FetchAsync(0, server.Url("/missing"), Settings, CancellationToken.None);

        // Assert
        Assert.Null(result.Error);
        Assert.Equal(404, result.StatusCode);
        Assert.Equal(1, server.Hits);
    }

    [Fact]
    public async Task FetchAsync_429WithRetryAfter_WaitsAtLeastThatLongBeforeRetrying()
    {
        // Arrange
        var firstAt = TimeSpan.Zero;
        var secondAt = TimeSpan.Zero;
        var clock = Stopwatch.StartNew();
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                firstAt = clock.Elapsed;
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = "2";
                return;
            }

            secondAt = clock.Elapsed;
            await context.Response.WriteAsync("ok");
        });

        // Act
        var result = await Fetcher.FetchAsync(0, server.Url("/limited"), Settings, CancellationToken.None);

        // Assert
        Assert.Equal(200, result.StatusCode);
        Assert.Equal(2, result.Attempts);
        Assert.True(secondAt - firstAt >= TimeSpan.FromSeconds(1.9), $"Retried after {(secondAt - firstAt).TotalMilliseconds} ms; Retry-After asked for 2 s.");
    }

    [Fact]
    public async Task FetchAsync_NoRedirect_FinalUrlIsTheGivenUrlItself()
    {
        // Arrange: a job holds its results until its batch ends, so an unmoved URL is kept once, not twice.
        await using var server = await LoopbackServer.StartAsync(_ => Task.CompletedTask);
        var url = server.Url("/same");

        // Act
        var result = await Fetcher.FetchAsync(0, url, Settings, CancellationToken.None);

        // Assert
        Assert.Same(url, result.FinalUrl);
    }

    [Theory]
    [InlineData("/Spaced%20out", "/Spaced%20out")]
    [InlineData("/with space", "/with%20space")]
    public async Task FetchAsync_NoRedirect_FinalUrlIsTheCanonicalSpelling(string path, string expected)
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync(_ => Task.CompletedTask);

        // Act
        var result = await Fetcher.FetchAsync(0, server.Url(path), Settings, CancellationToken.None);

        // Assert
        Assert.Equal(server.Url(expected), result.FinalUrl);
    }

    [Fact]
    public async Task FetchAsync_RedirectsWithinCap_FollowsToFinalUrl()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            var hop = int.Parse(context.Request.Query["hop"].ToString() is { Length: > 0 } h ? h : "0", System.Globalization.CultureInfo.InvariantCulture);
            if (hop < 2)
            {
                context.Response.Redirect($"/r?hop={hop + 1}");
                return;
            }

            await context.Response.WriteAsync("landed");
        });

        // Act
        var result = await Fetcher.FetchAsync(0, server.Url("/r"), Settings, CancellationToken.None);

        // Assert
        Assert.Null(result.Error);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal(server.Url("/r?hop=2"), result.FinalUrl);
        Assert.Equal(3, result.Attempts);
    }

    [Fact]
    public async Task FetchAsync_MoreRedirectsThanCap_ReturnsTooManyRedirects()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.Redirect("/loop");
            return Task.CompletedTask;
        });

        // Act
        var result = await Fetcher.FetchAsync(0, server.Url("/loop"), Settings, CancellationToken.None);

        // Assert
        Assert.Equal(FetchErrorKind.TooManyRedirects, result.Error?.Kind);
        Assert.Equal(302, result.StatusCode);
        Assert.Equal(Settings.MaxRedirects + 1, server.Hits);
    }

    [Fact]
    public async Task FetchAsync_RedirectLocationWithUserInfo_FetchesAndRecordsItWithoutCredentials()
    {
        // Arrange
        string? authorization = null;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (context.Request.Path == "/login")
            {
                context.Response.Redirect($"http://user:pass@{context.Request.Host}/landed");
                return;
            }

            authorization = context.Request.Headers.Authorization.ToString();
            await context.Response.WriteAsync("landed");
        });

        // Act
        var result = await Fetcher.FetchAsync(0, server.Url("/login"), Settings, CancellationToken.None);

        // Assert
        Assert.Null(result.Error);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal(server.Url("/landed"), result.FinalUrl);
        Assert.Equal(string.Empty, authorization);
    }

    [Fact]
    public async Task FetchAsync_RedirectToNonHttpScheme_ReturnsInvalidUrl()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.Redirect("file:///etc/passwd");
            return Task.CompletedTask;
        });

        // Act
        var result = await Fetcher.FetchAsync(0, server.Url("/escape"), Settings, CancellationToken.None);

        // Assert
        Assert.Equal(FetchErrorKind.InvalidUrl, result.Error?.Kind);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task FetchAsync_BodyOverCap_ReturnsTooLargeWithoutReadingItAll(bool declareLength)
    {
        // Arrange
        var big = new byte[64 * 1024];
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (declareLength)
            {
                context.Response.ContentLength = big.Length;
            }

            await context.Response.Body.WriteAsync(big);
        });

        // Act
        var result = await Fetcher.FetchAsync(0, server.Url("/big"), Settings, CancellationToken.None);

        // Assert
        Assert.Equal(FetchErrorKind.TooLarge, result.Error?.Kind);
        Assert.Equal(200, result.StatusCode);
        Assert.Null(result.Sha256);
    }

    [Fact]
    public async Task FetchAsync_BodyExactlyAtCap_IsAccepted()
    {
        // Arrange
        var body = new byte[Settings.MaxBodyBytes];
        await using var server = await LoopbackServer.StartAsync(async context => await context.Response.Body.WriteAsync(body));

        // Act
        var result = await Fetcher.FetchAsync(0, server.Url("/exact"), Settings, CancellationToken.None);

        // Assert
        Assert.Null(result.Error);
        Assert.Equal(Settings.MaxBodyBytes, result.Bytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(body)), result.Sha256);
    }

    [Fact]
    public async Task FetchAsync_NothingListening_ReturnsConnectError()
    {
        // Arrange: a port that was free a moment ago.
        string url;
        await using (var server = await LoopbackServer.StartAsync(_ => Task.CompletedTask))
        {
            url = server.Url("/gone");
        }

        // Act
        var result = await Fetcher.FetchAsync(0, url, Settings with { MaxAttempts = 1 }, CancellationToken.None);

        // Assert
        Assert.Equal(FetchErrorKind.Connect, result.Error?.Kind);
        Assert.Null(result.StatusCode);
    }

    [Fact]
    public async Task FetchAsync_CallerCancels_ReturnsCanceled()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync(async context =>
            await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        // Act
        var result = await Fetcher.FetchAsync(0, server.Url("/slow"), Settings, cancellation.Token);

        // Assert
        Assert.Equal(FetchErrorKind.Canceled, result.Error?.Kind);
    }

    [Theory]
    [InlineData("ftp://example.test/file")]
    [InlineData("not a url")]
    [InlineData("/relative/path")]
    public async Task FetchAsync_NotAnHttpUrl_ReturnsInvalidUrlWithoutSending(string url)
    {
        // Act
        var result = await Fetcher.FetchAsync(3, url, Settings, CancellationToken.None);

        // Assert
        Assert.Equal(FetchErrorKind.InvalidUrl, result.Error?.Kind);
        Assert.Equal(0, result.Attempts);
    }
}
