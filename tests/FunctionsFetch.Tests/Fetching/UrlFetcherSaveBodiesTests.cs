using System.Security.Cryptography;
using FunctionsFetch.Configuration;
using FunctionsFetch.Fetching;
using FunctionsFetch.Storage;
using FunctionsFetch.Testing;
using FunctionsFetch.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace FunctionsFetch.Tests.Fetching;

/// <summary>The fetcher with <c>saveBodies</c>: one pass over the body feeds both the hash and the store.</summary>
public sealed class UrlFetcherSaveBodiesTests : IAsyncLifetime
{
    private static readonly JobSettings Settings = new() { TimeoutSeconds = 5, MaxAttempts = 2, MaxBodyBytes = 512 * 1024, SaveBodies = true };

    private readonly ServiceProvider _services = TestServices.Build();
    private readonly JobStore _store = new(new InMemoryBlobContainer());

    private UrlFetcher Fetcher => _services.GetRequiredService<UrlFetcher>();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task FetchAsync_SaveBodies_StoresTheBodyWithItsContentTypeAndTheSha256OfTheStoredBytes()
    {
        // Arrange: several read chunks long, so the tee is exercised across reads.
        var body = RandomNumberGenerator.GetBytes(300 * 1024);
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = "image/x-test; charset=binary";
            await context.Response.Body.WriteAsync(body);
        });

        // Act
        var result = await Fetcher.FetchAsync(7, server.Url("/blob"), Settings, new JobBodySink(_store, "job-1"), CancellationToken.None);

        // Assert
        Assert.Null(result.Error);
        Assert.Equal("job-1/bodies/000000007", result.BodyBlob);
        var stored = await _store.OpenBodyAsync(result.BodyBlob!, CancellationToken.None);
        Assert.NotNull(stored);
        var bytes = await ReadAllAsync(stored.Content);
        Assert.Equal(body, bytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), result.Sha256);
        Assert.Equal(body.Length, result.Bytes);
        Assert.Equal("image/x-test; charset=binary", stored.ContentType);
        Assert.Equal(stored.ContentType, result.ContentType);
    }

    [Fact]
    public async Task FetchAsync_SaveBodiesOff_StoresNothing()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync(async context => await context.Response.WriteAsync("hello"));

        // Act
        var result = await Fetcher.FetchAsync(0, server.Url("/"), Settings with { SaveBodies = false }, new JobBodySink(_store, "job-1"), CancellationToken.None);

        // Assert
        Assert.Null(result.Error);
        Assert.Null(result.BodyBlob);
        Assert.Null(await _store.OpenBodyAsync("job-1/bodies/000000000", CancellationToken.None));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task FetchAsync_SaveBodiesBodyOverCap_ReturnsTooLargeAndStoresNothing(bool declareLength)
    {
        // Arrange
        var big = new byte[Settings.MaxBodyBytes + 1];
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (declareLength)
            {
                context.Response.ContentLength = big.Length;
            }

            await context.Response.Body.WriteAsync(big);
        });

        // Act
        var result = await Fetcher.FetchAsync(3, server.Url("/big"), Settings, new JobBodySink(_store, "job-1"), CancellationToken.None);

        // Assert
        Assert.Equal(FetchErrorKind.TooLarge, result.Error?.Kind);
        Assert.Null(result.BodyBlob);
        Assert.Null(result.Sha256);
        Assert.Null(await _store.OpenBodyAsync("job-1/bodies/000000003", CancellationToken.None));
    }

    [Fact]
    public async Task FetchAsync_SaveBodiesTwice_OverwritesTheEarlierBody()
    {
        // Arrange: the same index fetched again, as when a batch activity reruns.
        var answer = "first";
        await using var server = await LoopbackServer.StartAsync(async context => await context.Response.WriteAsync(answer));
        await Fetcher.FetchAsync(0, server.Url("/"), Settings, new JobBodySink(_store, "job-1"), CancellationToken.None);
        answer = "second, longer";

        // Act
        var result = await Fetcher.FetchAsync(0, server.Url("/"), Settings, new JobBodySink(_store, "job-1"), CancellationToken.None);

        // Assert
        var stored = await _store.OpenBodyAsync(result.BodyBlob!, CancellationToken.None);
        Assert.Equal("second, longer"u8.ToArray(), await ReadAllAsync(stored!.Content));
    }

    [Fact]
    public async Task FetchAsync_StoreFails_ThrowsBodyStorageExceptionInsteadOfBlamingTheUrl()
    {
        // Arrange: a store that reads part of the body, then fails.
        await using var server = await LoopbackServer.StartAsync(async context => await context.Response.WriteAsync("hello"));
        var sink = new Mock<IBodySink>();
        sink.Setup(s => s.SaveAsync(It.IsAny<int>(), It.IsAny<Stream>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .Returns(async (int _, Stream body, string? _, CancellationToken ct) =>
            {
                await body.ReadExactlyAsync(new byte[2], ct);
                throw new IOException("storage is down");
            });

        // Act
        var exception = await Assert.ThrowsAsync<BodyStorageException>(() => Fetcher.FetchAsync(0, server.Url("/"), Settings, sink.Object, CancellationToken.None));

        // Assert
        Assert.IsType<IOException>(exception.InnerException);
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        await using (stream)
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            return copy.ToArray();
        }
    }
}
