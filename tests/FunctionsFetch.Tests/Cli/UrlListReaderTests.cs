using FunctionsFetch.Local.Cli;

namespace FunctionsFetch.Tests.Cli;

public sealed class UrlListReaderTests
{
    [Fact]
    public async Task ReadLinesAsync_CommentsBlankLinesAndSpaces_KeepsOnlyTheUrlsInOrder()
    {
        // Arrange
        using var text = new StringReader("# targets\nhttps://a.test/1\n\n   \n  https://b.test/2  \r\n#https://skipped.test/\nhttps://c.test/3");

        // Act
        var urls = await UrlListReader.ReadLinesAsync(text, CancellationToken.None);

        // Assert
        Assert.Equal(["https://a.test/1", "https://b.test/2", "https://c.test/3"], urls);
    }

    [Fact]
    public async Task ReadAsync_Dash_ReadsStandardInput()
    {
        // Arrange
        using var standardInput = new StringReader("https://a.test/\nhttps://b.test/\n");

        // Act
        var urls = await UrlListReader.ReadAsync("-", standardInput, CancellationToken.None);

        // Assert
        Assert.Equal(["https://a.test/", "https://b.test/"], urls);
    }

    [Fact]
    public async Task ReadAsync_File_ReadsTheFileNotStandardInput()
    {
        // Arrange
        var path = Path.GetTempFileName();
        await File.WriteAllTextAsync(path, "https://file.test/\n# end\n");
        using var standardInput = new StringReader("https://stdin.test/\n");

        // Act
        var urls = await UrlListReader.ReadAsync(path, standardInput, CancellationToken.None);

        // Assert
        File.Delete(path);
        Assert.Equal(["https://file.test/"], urls);
    }

    [Fact]
    public async Task ReadAsync_MissingFile_ThrowsAUsageError()
    {
        // Arrange
        var path = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.txt");

        // Act
        var exception = await Assert.ThrowsAsync<CliException>(() => UrlListReader.ReadAsync(path, TextReader.Null, CancellationToken.None));

        // Assert
        Assert.Equal(ExitCodes.Usage, exception.ExitCode);
        Assert.Contains(path, exception.Message, StringComparison.Ordinal);
    }
}
