namespace FunctionsFetch.Local.Cli;

/// <summary>Reads a URL list: one URL a line; blank lines and <c>#</c> comments are skipped.</summary>
internal static class UrlListReader
{
    /// <summary>The path that means standard input.</summary>
    public const string StandardInput = "-";

    public static async Task<IReadOnlyList<string>> ReadAsync(string path, TextReader standardInput, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(standardInput);
        if (path == StandardInput)
        {
            return await ReadLinesAsync(standardInput, cancellationToken);
        }

        try
        {
            using var file = File.OpenText(path);
            return await ReadLinesAsync(file, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"Cannot read the URL list '{path}': {exception.Message}", ExitCodes.Usage);
        }
    }

    public static async Task<IReadOnlyList<string>> ReadLinesAsync(TextReader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var urls = new List<string>();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            var url = line.Trim();
            if (url.Length > 0 && !url.StartsWith('#'))
            {
                urls.Add(url);
            }
        }

        return urls;
    }
}
