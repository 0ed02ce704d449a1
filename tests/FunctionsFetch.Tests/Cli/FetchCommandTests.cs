using System.CommandLine;
using FunctionsFetch.Client;
using FunctionsFetch.Local;
using FunctionsFetch.Local.Cli;

namespace FunctionsFetch.Tests.Cli;

public sealed class FetchCommandTests
{
    private readonly FetchCommand _command = new((_, _) => Task.FromResult(0));

    [Fact]
    public void Read_OnlyTheUrlFile_UsesTheDefaults()
    {
        // Arrange
        var parsed = _command.Parse("urls.txt");

        // Act
        var settings = _command.Read(parsed);

        // Assert
        Assert.Empty(parsed.Errors);
        Assert.Equal("urls.txt", settings.Input);
        Assert.Equal(new Uri(LocalFetchHost.DefaultUrl), settings.Endpoint);
        Assert.False(settings.Embedded);
        Assert.Null(settings.Storage);
        Assert.Equal(ResultFormat.Json, settings.Format);
        Assert.True(settings.ResultsToStandardOutput);
        Assert.Empty(settings.JobOptions);
        Assert.Empty(settings.HostArgs);
        Assert.Null(settings.JobId);
    }

    [Theory]
    [InlineData("results.csv", ResultFormat.Csv)]
    [InlineData("results.CSV", ResultFormat.Csv)]
    [InlineData("results.ndjson", ResultFormat.Ndjson)]
    [InlineData("results.jsonl", ResultFormat.Ndjson)]
    [InlineData("results.json", ResultFormat.Json)]
    [InlineData("results", ResultFormat.Json)]
    [InlineData("-", ResultFormat.Json)]
    public void Read_OutWithoutFormat_TakesTheFormatFromTheExtension(string output, ResultFormat expected)
    {
        // Arrange
        var parsed = _command.Parse(["urls.txt", "--out", output]);

        // Act
        var settings = _command.Read(parsed);

        // Assert
        Assert.Equal(expected, settings.Format);
        Assert.Equal(output == "-", settings.ResultsToStandardOutput);
    }

    [Fact]
    public void Read_FormatAndOut_FormatWins()
    {
        // Arrange
        var parsed = _command.Parse("urls.txt --out results.json --format csv");

        // Act
        var settings = _command.Read(parsed);

        // Assert
        Assert.Equal(ResultFormat.Csv, settings.Format);
        Assert.Equal("results.json", settings.Out);
    }

    [Fact]
    public void Parse_UnknownFormat_IsAnError()
    {
        // Arrange
        var args = "urls.txt --format xml";

        // Act
        var parsed = _command.Parse(args);

        // Assert
        var error = Assert.Single(parsed.Errors);
        Assert.Contains("xml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_JobOptions_SendsOnlyThoseGivenByTheirRequestNames()
    {
        // Arrange
        var parsed = _command.Parse("urls.txt --batch-size 50 --parallelism 8 --max-parallel-batches 3 --timeout 20 --tolerated-failure-percent 0 --job-id run-1");

        // Act
        var settings = _command.Read(parsed);

        // Assert
        Assert.Equal(
            new Dictionary<string, object> { ["batchSize"] = 50L, ["batchParallelism"] = 8L, ["maxParallelBatches"] = 3L, ["timeoutSeconds"] = 20L, ["toleratedFailurePercent"] = 0L },
            settings.JobOptions);
        Assert.Equal("run-1", settings.JobId);
    }

    [Fact]
    public void Read_ConcurrencyAndPerHostLimits_SendsThemByTheirRequestNames()
    {
        // Arrange
        var parsed = _command.Parse("urls.txt --concurrency 200 --max-per-host 4 --max-rate-per-host 10");

        // Act
        var settings = _command.Read(parsed);

        // Assert
        Assert.Equal(new Dictionary<string, object> { ["concurrency"] = 200L, ["maxPerHost"] = 4L, ["maxRatePerHost"] = 10L }, settings.JobOptions);
    }

    [Fact]
    public void Read_SaveBodiesFlag_SendsTheBooleanTheApiWants()
    {
        // Arrange
        var parsed = _command.Parse("urls.txt --save-bodies");

        // Act
        var settings = _command.Read(parsed);

        // Assert
        Assert.Equal(new Dictionary<string, object> { ["saveBodies"] = true }, settings.JobOptions);
    }

    [Fact]
    public void Read_RespectRobotsFlag_SendsTheBooleanTheApiWants()
    {
        // Arrange
        var parsed = _command.Parse("urls.txt --respect-robots");

        // Act
        var settings = _command.Read(parsed);

        // Assert
        Assert.Equal(new Dictionary<string, object> { ["respectRobots"] = true }, settings.JobOptions);
    }

    [Fact]
    public void Read_LongJobOptionNames_AreAcceptedToo()
    {
        // Arrange
        var parsed = _command.Parse("urls.txt --batch-parallelism 4 --timeout-seconds 9");

        // Act
        var settings = _command.Read(parsed);

        // Assert
        Assert.Equal(new Dictionary<string, object> { ["batchParallelism"] = 4L, ["timeoutSeconds"] = 9L }, settings.JobOptions);
    }

    [Fact]
    public void Read_EmbeddedWithConfiguration_PassesItToTheHost()
    {
        // Arrange
        var parsed = _command.Parse("urls.txt --embedded --Fetch:AllowPrivateNetworks=true --storage UseDevelopmentStorage=true");

        // Act
        var settings = _command.Read(parsed);

        // Assert
        Assert.True(settings.Embedded);
        Assert.Equal("UseDevelopmentStorage=true", settings.Storage);
        Assert.Equal(["--Fetch:AllowPrivateNetworks=true"], settings.HostArgs);
    }

    [Theory]
    [InlineData("urls.txt --Fetch:AllowPrivateNetworks=true")]
    [InlineData("urls.txt --embedded --Fetch:AllowPrivateNetworks true")]
    [InlineData("urls.txt --bogus")]
    [InlineData("urls.txt --endpoint ftp://127.0.0.1/")]
    [InlineData("urls.txt --endpoint not-a-url")]
    public void Read_ArgumentsItCannotUse_ThrowsAUsageError(string args)
    {
        // Arrange
        var parsed = _command.Parse(args);

        // Act
        var exception = Assert.Throws<CliException>(() => _command.Read(parsed));

        // Assert
        Assert.Equal(ExitCodes.Usage, exception.ExitCode);
    }

    [Fact]
    public void Read_ApiKeyOption_IsUsed()
    {
        // Arrange
        var parsed = _command.Parse("urls.txt --api-key k1 --endpoint http://127.0.0.1:9000");

        // Act
        var settings = _command.Read(parsed);

        // Assert
        Assert.Equal("k1", settings.ApiKey);
        Assert.Equal(new Uri("http://127.0.0.1:9000"), settings.Endpoint);
    }
}
