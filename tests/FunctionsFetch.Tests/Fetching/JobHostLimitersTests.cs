using FunctionsFetch.Fetching;

namespace FunctionsFetch.Tests.Fetching;

public sealed class JobHostLimitersTests
{
    [Theory]
    [InlineData(1, 1, 1000)]
    [InlineData(5, 1, 200)]
    [InlineData(30, 2, 66)]
    [InlineData(1000, 50, 50)]
    public void Bucket_AnyRate_RefillsThatManyASecondInEvenSteps(int perSecond, int tokensPerRefill, int refillMilliseconds)
    {
        // Act
        var bucket = JobHostLimiters.Bucket(perSecond);

        // Assert
        Assert.Equal(tokensPerRefill, bucket.TokensPerPeriod);
        Assert.Equal(tokensPerRefill, bucket.TokenLimit);
        Assert.Equal(refillMilliseconds, (int)bucket.ReplenishmentPeriod.TotalMilliseconds);
        Assert.InRange(bucket.TokensPerPeriod / bucket.ReplenishmentPeriod.TotalSeconds, perSecond * 0.999, perSecond * 1.001);
    }

    [Fact]
    public async Task EnterAsync_OneJobAtItsMaxPerHost_WaitsWhileAnotherJobAndAnotherHostGoOn()
    {
        // Arrange
        using var limiters = new JobHostLimiters();
        var job = new JobHostLimits("job-a", MaxPerHost: 1, MaxRatePerHost: 0, TimeSpan.Zero);
        using var held = await limiters.EnterAsync(job, "https://h.test:443", CancellationToken.None);

        // Act
        var sameHost = limiters.EnterAsync(job, "https://h.test:443", CancellationToken.None).AsTask();
        using var otherHost = await limiters.EnterAsync(job, "https://other.test:443", CancellationToken.None);
        using var otherJob = await limiters.EnterAsync(job with { JobId = "job-b" }, "https://h.test:443", CancellationToken.None);

        // Assert
        Assert.False(sameHost.IsCompleted);
        held.Dispose();
        using var admitted = await sameHost.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(admitted.IsAcquired);
    }
}
