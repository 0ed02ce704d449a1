using FunctionsFetch.Client;

namespace FunctionsFetch.Local.Cli;

/// <summary>
/// Writes a job's NDJSON results to a file as its batches store them, through the results cursor
/// (<c>GET /api/fetch/{id}/results</c>): each result once, in the order its batch finished (not input order),
/// until the server says nothing is left of the ended job.
/// </summary>
internal static class LiveResultsWriter
{
    /// <summary>The most rows one page asks for (the server's limit).</summary>
    public const int PageLimit = 10_000;

    /// <summary>How long to wait after a page that held nothing new.</summary>
    public static readonly TimeSpan IdleDelay = TimeSpan.FromMilliseconds(300);

    /// <summary>Whether <paramref name="settings"/> ask for results written as they arrive: NDJSON to a file.</summary>
    public static bool Applies(FetchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Format == ResultFormat.Ndjson && !settings.ResultsToStandardOutput;
    }

    /// <summary>Follows the job until its last result is written to <paramref name="destination"/>; returns the rows written.</summary>
    public static async Task<long> WriteAsync(FetchClient api, Uri endpoint, string id, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(destination);
        string? cursor = null;
        var buffer = new byte[64 * 1024];
        long lines = 0;
        while (true)
        {
            using var page = await ApiFailures.CallAsync(endpoint, $"read job {id}'s results", () => api.GetResultsPageAsync(id, cursor, ResultFormat.Ndjson, PageLimit, cancellationToken));
            await using var body = await page.ReadAsStreamAsync(cancellationToken);
            long written = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                lines += buffer.AsSpan(0, read).Count((byte)'\n');
                written += read;
            }

            await destination.FlushAsync(cancellationToken);
            cursor = page.Cursor ?? throw new CliException($"The server sent job {id}'s results without a cursor.", ExitCodes.JobFailed);
            if (page.Complete)
            {
                return lines;
            }

            if (written == 0)
            {
                await Task.Delay(IdleDelay, cancellationToken);
            }
        }
    }
}
