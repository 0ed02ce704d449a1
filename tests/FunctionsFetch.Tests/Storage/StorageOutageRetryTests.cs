using Azure;
using FunctionsFetch.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunctionsFetch.Tests.Storage;

public sealed class StorageOutageRetryTests
{
    private readonly StorageOutageRetry _retry = new(NullLogger<StorageOutageRetry>.Instance);

    [Fact]
    public async Task ExecuteAsync_StorageUnreachableOnce_TriesAgainAndReturnsTheAnswer()
    {
        // Arrange: status 0 is the SDK's "no answer at all".
        var calls = 0;

        // Act
        var answer = await _retry.ExecuteAsync(_ => ++calls == 1 ? throw new RequestFailedException(0, "Connection refused") : Task.FromResult(42), CancellationToken.None);

        // Assert
        Assert.Equal(42, answer);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task ExecuteAsync_AnswerThatIsNotAnOutage_ThrowsAtOnce()
    {
        // Arrange
        var calls = 0;

        // Act
        var thrown = await Assert.ThrowsAsync<RequestFailedException>(async () =>
            await _retry.ExecuteAsync(_ => { calls++; throw new RequestFailedException(403, "AuthorizationFailure"); }, CancellationToken.None));

        // Assert
        Assert.Equal(403, thrown.Status);
        Assert.Equal(1, calls);
    }
}
