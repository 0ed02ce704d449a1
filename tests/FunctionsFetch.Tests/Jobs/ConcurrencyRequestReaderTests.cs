using System.Text;
using FunctionsFetch.Configuration;
using FunctionsFetch.Jobs;

namespace FunctionsFetch.Tests.Jobs;

public sealed class ConcurrencyRequestReaderTests
{
    private static readonly JobSettings Limits = new FetchOptions().Limits;

    [Theory]
    [InlineData("{\"concurrency\": 1}", 1)]
    [InlineData("{\"concurrency\": 250}", 250)]
    [InlineData(" {\"concurrency\":1000} ", 1000)]
    public async Task ReadAsync_WholeNumberWithinTheLimit_ReadsIt(string body, int expected)
    {
        // Act
        var (concurrency, problem) = await ReadAsync(body);

        // Assert
        Assert.Equal(expected, concurrency);
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("{\"concurrency\": 0}", "concurrency must be between 1 and 1000 (was 0).")]
    [InlineData("{\"concurrency\": 1001}", "concurrency must be between 1 and 1000 (was 1001).")]
    [InlineData("{\"concurrency\": 2.5}", "concurrency must be a whole number.")]
    [InlineData("{\"concurrency\": \"10\"}", "concurrency must be a whole number.")]
    [InlineData("{}", "The body must be a JSON object {\"concurrency\": n}; it has no concurrency.")]
    [InlineData("[10]", "The body must be a JSON object {\"concurrency\": n}.")]
    [InlineData("{\"concurrency\": 10, \"batchSize\": 5}", "The body must be a JSON object {\"concurrency\": n}; 'batchSize' is not part of it (only the concurrency changes while a job runs).")]
    [InlineData("{\"Concurrency\": 10}", "The body must be a JSON object {\"concurrency\": n}; 'Concurrency' is not part of it (only the concurrency changes while a job runs).")]
    public async Task ReadAsync_BadBody_SaysWhatIsWrong(string body, string expected)
    {
        // Act
        var (concurrency, problem) = await ReadAsync(body);

        // Assert
        Assert.Null(concurrency);
        Assert.Equal(expected, problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"concurrency\": ")]
    public async Task ReadAsync_NotJson_SaysSoWithTheParsersReason(string body)
    {
        // Act
        var (concurrency, problem) = await ReadAsync(body);

        // Assert
        Assert.Null(concurrency);
        Assert.StartsWith("The body must be a JSON object {\"concurrency\": n}: ", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_BodyOverTheLimit_IsRefusedUnparsed()
    {
        // Arrange
        var body = "{\"concurrency\": 10" + new string(' ', ConcurrencyRequestReader.MaxBodyBytes) + "}";

        // Act
        var (concurrency, problem) = await ReadAsync(body);

        // Assert
        Assert.Null(concurrency);
        Assert.Equal($"The body must be a JSON object {{\"concurrency\": n}}, at most {ConcurrencyRequestReader.MaxBodyBytes} bytes.", problem);
    }

    [Fact]
    public async Task ReadAsync_ServerLimitLowered_RefusesAboveIt()
    {
        // Act
        var (concurrency, problem) = await ConcurrencyRequestReader.ReadAsync(
            new MemoryStream("{\"concurrency\": 60}"u8.ToArray()), new JobSettings { Concurrency = 50 }, CancellationToken.None);

        // Assert
        Assert.Null(concurrency);
        Assert.Equal("concurrency must be between 1 and 50 (was 60).", problem);
    }

    private static async Task<(int? Concurrency, string? Problem)> ReadAsync(string body) =>
        await ConcurrencyRequestReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)), Limits, CancellationToken.None);
}
