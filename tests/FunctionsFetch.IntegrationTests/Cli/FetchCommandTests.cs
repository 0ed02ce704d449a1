using System.Collections.Concurrent;
using System.Text.Json;
using FunctionsFetch.IntegrationTests.Infrastructure;
using FunctionsFetch.Local.Cli;
using FunctionsFetch.Testing;
using Spectre.Console;

namespace FunctionsFetch.IntegrationTests.Cli;

/// <summary>The <c>fetch</c> command end to end: an engine in the test process, loopback targets, real files.</summary>
[Collection(AzuriteTests.Name)]
public sealed class FetchCommandTests(AzuriteFixture azurite) : IDisposable
{
    // The targets are loopback servers, which the guard blocks unless configured otherwise.
    private const string AllowLoopback = "--Fetch:AllowPrivateNetworks=true";

    private readonly StringWriter _messages = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("fetch-cli-").FullName;

    [Fact]
    public async Task Fetch_EmbeddedInMemory_WritesEveryResultOnceAsNdjson()
    {
        // Arrange
        await using var target = await LatencyTarget.StartAsync(TimeSpan.FromMilliseconds(50));
        var urls = Enumerable.Range(0, 20).Select(i => target.Url($"cli{i}")).ToArray();
        var input = await WriteUrlFileAsync(urls);
        var output = Path.Combine(_directory, "results.ndjson");

        // Act
        var exitCode = await CliCommands.InvokeAsync(["fetch", input, "--embedded", "--out", output, "--batch-size", "4", AllowLoopback], Console());

        // Assert
        Assert.Equal(ExitCodes.Completed, exitCode);
        var lines = await File.ReadAllLinesAsync(output);
        Assert.Equal(20, lines.Length);
        // Written as batches finished: each result once, in whatever order they did.
        var results = lines.Select(line => JsonDocument.Parse(line).RootElement).OrderBy(r => r.GetProperty("index").GetInt32()).ToArray();
        Assert.Equal(urls, results.Select(r => r.GetProperty("url").GetString()));
        Assert.All(results, r => Assert.Equal(200, r.GetProperty("statusCode").GetInt32()));
        Assert.Contains("Completed", _messages.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_NdjsonOut_WritesTheFirstBatchesResultsBeforeTheJobEnds()
    {
        // Arrange: the first 4 URLs answer at once; the other 4 only once the file holds the first 4.
        var rest = new TaskCompletionSource();
        await using var target = await LoopbackServer.StartAsync(async context =>
        {
            if (context.Request.Path.StartsWithSegments("/held", StringComparison.Ordinal))
            {
                await rest.Task.WaitAsync(context.RequestAborted);
            }
        });
        var urls = Enumerable.Range(0, 8).Select(i => target.Url(i < 4 ? $"/now/{i}" : $"/held/{i}")).ToArray();
        var input = await WriteUrlFileAsync(urls);
        var output = Path.Combine(_directory, "live.ndjson");

        // Act
        var fetching = CliCommands.InvokeAsync(["fetch", input, "--embedded", "--out", output, "--batch-size", "4", AllowLoopback], Console());
        await Eventually.HoldsAsync(() => LinesIn(output) == 4 || fetching.IsCompleted, TimeSpan.FromMinutes(1));
        var linesWhileRunning = LinesIn(output);
        rest.SetResult();
        var exitCode = await fetching;

        // Assert
        Assert.Equal(4, linesWhileRunning);
        Assert.Equal(ExitCodes.Completed, exitCode);
        var indexes = (await File.ReadAllLinesAsync(output)).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("index").GetInt32()).ToArray();
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], indexes);
    }

    [Fact]
    public async Task Fetch_SaveBodiesFlag_StoresEveryBodyAndNamesItInTheResults()
    {
        // Arrange
        await using var target = await LatencyTarget.StartAsync(TimeSpan.Zero);
        var urls = new[] { target.Url("body0"), target.Url("body1") };
        var input = await WriteUrlFileAsync(urls);
        var output = Path.Combine(_directory, "bodies.ndjson");

        // Act
        var exitCode = await CliCommands.InvokeAsync(["fetch", input, "--embedded", "--out", output, "--save-bodies", AllowLoopback], Console());

        // Assert
        Assert.Equal(ExitCodes.Completed, exitCode);
        var results = (await File.ReadAllLinesAsync(output)).Select(line => JsonDocument.Parse(line).RootElement).ToArray();
        Assert.All(results, r => Assert.EndsWith($"/bodies/{r.GetProperty("index").GetInt32():D9}", r.GetProperty("bodyBlob").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fetch_MethodAndHeaderArguments_ReachTheTargetAndNotTheConsole()
    {
        // Arrange
        var seen = new ConcurrentQueue<string>();
        await using var target = await LoopbackServer.StartAsync(context =>
        {
            seen.Enqueue($"{context.Request.Method} {context.Request.Headers.Authorization}|{context.Request.Headers["X-Custom"]}");
            return Task.CompletedTask;
        });
        var input = await WriteUrlFileAsync([target.Url("/checked")]);
        var output = Path.Combine(_directory, "head.ndjson");

        // Act
        var exitCode = await CliCommands.InvokeAsync(
            ["fetch", input, "--embedded", "--out", output, "--method", "HEAD", "-H", "Authorization: Bearer cli-secret", "--header", "X-Custom: v", AllowLoopback], Console());

        // Assert
        Assert.Equal(ExitCodes.Completed, exitCode);
        Assert.Equal(["HEAD Bearer cli-secret|v"], seen);
        var result = JsonDocument.Parse(Assert.Single(await File.ReadAllLinesAsync(output))).RootElement;
        Assert.Equal(0, result.GetProperty("bytes").GetInt64());
        Assert.DoesNotContain("cli-secret", _messages.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_JobEndsFailed_ExitsWithTheJobFailedCodeAndStillWritesTheResults()
    {
        // Arrange: one URL answers 500 and no failure is tolerated.
        await using var target = await LatencyTarget.StartAsync(TimeSpan.Zero);
        var urls = new[] { target.Url("ok0"), target.FailingUrl("bad", status: 500), target.Url("ok1") };
        var input = await WriteUrlFileAsync(urls);
        var output = Path.Combine(_directory, "results.json");

        // Act
        var exitCode = await CliCommands.InvokeAsync(
            ["fetch", input, "--embedded", "--out", output, "--tolerated-failure-percent", "0", "--max-attempts", "1", AllowLoopback], Console());

        // Assert
        Assert.Equal(ExitCodes.JobFailed, exitCode);
        using var document = JsonDocument.Parse(await File.ReadAllBytesAsync(output));
        Assert.Equal("Failed", document.RootElement.GetProperty("runtimeStatus").GetString());
        Assert.Contains("Failed", _messages.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("s3cret", ExitCodes.Completed)]
    [InlineData(null, ExitCodes.Usage)]
    public async Task Fetch_ServerWithAnApiKey_NeedsTheKey(string? apiKey, int expected)
    {
        // Arrange
        await using var target = await LatencyTarget.StartAsync(TimeSpan.Zero);
        var input = await WriteUrlFileAsync([target.Url("key0")]);
        string[] args = ["fetch", input, "--embedded", "--out", Path.Combine(_directory, "r.csv"), AllowLoopback, "--Fetch:ApiKey=s3cret"];

        // Act
        var exitCode = await CliCommands.InvokeAsync(apiKey is null ? args : [.. args, "--api-key", apiKey], Console());

        // Assert
        Assert.Equal(expected, exitCode);
        Assert.Equal(apiKey is null ? 0 : 1, target.TotalHits);
    }

    [Fact]
    public async Task Fetch_Canceled_TerminatesTheJobAndExitsWith130()
    {
        // Arrange: URLs that take far longer than the test waits.
        await using var target = await LatencyTarget.StartAsync(TimeSpan.FromSeconds(30));
        var input = await WriteUrlFileAsync(Enumerable.Range(0, 4).Select(i => target.Url($"slow{i}")));
        using var ctrlC = new CancellationTokenSource();
        var pressCtrlC = Task.Run(async () =>
        {
            while (target.TotalHits == 0)
            {
                await Task.Delay(50);
            }

            await ctrlC.CancelAsync();
        });

        // Act
        var exitCode = await CliCommands.InvokeAsync(["fetch", input, "--embedded", "--out", Path.Combine(_directory, "never.csv"), AllowLoopback], Console(), ctrlC.Token);

        // Assert
        await pressCtrlC;
        Assert.Equal(ExitCodes.Canceled, exitCode);
        Assert.Contains("terminated", _messages.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, "never.csv")));
    }

    [Fact]
    public async Task Fetch_EmbeddedOnStorage_WritesCsvWithAHeaderAndARowAUrl()
    {
        // Arrange
        await using var target = await LatencyTarget.StartAsync(TimeSpan.Zero);
        var urls = Enumerable.Range(0, 5).Select(i => target.Url($"csv{i}")).ToArray();
        var input = await WriteUrlFileAsync(urls);
        var output = Path.Combine(_directory, "results.csv");

        // Act
        var exitCode = await CliCommands.InvokeAsync(
            ["fetch", input, "--embedded", "--storage", azurite.ConnectionString, "--out", output, AllowLoopback,
             $"--extensions:durableTask:hubName={AzuriteFixture.NewHubName()}", "--Local:StartAzurite=false"],
            Console());

        // Assert
        Assert.Equal(ExitCodes.Completed, exitCode);
        var lines = await File.ReadAllLinesAsync(output);
        Assert.StartsWith("index,url,", lines[0], StringComparison.Ordinal);
        Assert.Equal(urls, lines.Skip(1).Select(line => line.Split(',')[1]));
    }

    public void Dispose()
    {
        _messages.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The complete lines in a file another writer has open (0 before it exists).</summary>
    private static int LinesIn(string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(file);
        return reader.ReadToEnd().Count(c => c == '\n');
    }

    private async Task<string> WriteUrlFileAsync(IEnumerable<string> urls)
    {
        var path = Path.Combine(_directory, "urls.txt");
        await File.WriteAllLinesAsync(path, ["# loopback targets", .. urls, string.Empty]);
        return path;
    }

    private CliConsole Console()
    {
        var messages = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(_messages),
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No,
        });
        return new CliConsole(TextReader.Null, () => Stream.Null, messages, messages);
    }
}
