using System.Diagnostics;
using System.Text.Json;
using FunctionsFetch.Client;
using Spectre.Console;

namespace FunctionsFetch.Local.Cli;

/// <summary>
/// One <c>fetch</c> run: read the URLs, start the job (on the server or an embedded engine), show its
/// progress until it ends, stream its results out, and turn its outcome into the exit code.
/// Ctrl+C terminates the job on the server before exiting.
/// </summary>
internal sealed class FetchRunner(CliConsole console)
{
    // Fresher than the server's Retry-After, for the progress bar.
    private static readonly PollOptions Polling = new() { MaxDelay = TimeSpan.FromMilliseconds(300) };
    private static readonly TimeSpan CancelTimeout = TimeSpan.FromSeconds(10);

    public async Task<int> RunAsync(FetchSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var status = console.Status(settings.ResultsToStandardOutput);
        var urls = await UrlListReader.ReadAsync(settings.Input, console.In, cancellationToken);
        if (urls.Count == 0)
        {
            throw new CliException($"No URLs in '{settings.Input}' (one a line; blank lines and # comments are skipped).", ExitCodes.Usage);
        }

        await using var embedded = settings.Embedded ? await EmbeddedHost.StartAsync(settings.Storage, settings.HostArgs, cancellationToken) : null;
        var endpoint = embedded?.Endpoint ?? settings.Endpoint;

        // Polls are short, and the results download may take as long as it takes; Ctrl+C ends either.
        using var http = new HttpClient { BaseAddress = endpoint, Timeout = Timeout.InfiniteTimeSpan };
        var api = new FetchClient(http, settings.ApiKey);
        var id = await StartAsync(api, endpoint, urls, settings, cancellationToken);
        var clock = Stopwatch.StartNew();
        try
        {
            if (LiveResultsWriter.Applies(settings))
            {
                return await RunLiveAsync(status, api, endpoint, id, settings, clock, cancellationToken);
            }

            using var results = await ProgressView.RunAsync(status, $"Job {Markup.Escape(id)}", report => WaitAsync(api, endpoint, id, settings.Format, report, cancellationToken));
            await WriteResultsAsync(results, settings, cancellationToken);
            return Summarize(status, results.Counts, settings, clock.Elapsed);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var canceled = await CancelAsync(api, endpoint, id);
            status.MarkupLineInterpolated($"[yellow]Canceled: job {id} {(canceled ? "terminated" : "had already ended")}.[/]");
            return ExitCodes.Canceled;
        }
    }

    private static async Task<string> StartAsync(FetchClient api, Uri endpoint, IReadOnlyList<string> urls, FetchSettings settings, CancellationToken cancellationToken)
    {
        var options = settings.JobOptions.Count > 0 ? settings.JobOptions : null;
        try
        {
            var started = await ApiFailures.CallAsync(endpoint, "start the job", () => api.StartAsync(urls, options, settings.JobId, cancellationToken));
            return started.Id;
        }
        catch (JsonException)
        {
            throw new CliException("The server accepted the job but sent no id.", ExitCodes.JobFailed);
        }
    }

    private static async Task<ResultsBody> WaitAsync(FetchClient api, Uri endpoint, string id, ResultFormat format, Action<FetchProgress> report, CancellationToken cancellationToken)
    {
        var finished = await ApiFailures.CallAsync(endpoint, $"read job {id}", () => api.WaitAsync(id, format, Polling, report, cancellationToken));
        var results = await ResultsBody.OpenAsync(finished, cancellationToken);
        var counts = results.Counts;
        report(new FetchProgress(id, counts.RuntimeStatus, counts.Total, counts.Succeeded + counts.Failed, counts.Failed));
        return results;
    }

    /// <summary>Terminates the job; false when the server would not (it had already ended).</summary>
    private static async Task<bool> CancelAsync(FetchClient api, Uri endpoint, string id)
    {
        using var timeout = new CancellationTokenSource(CancelTimeout);
        try
        {
            await api.CancelAsync(id, timeout.Token);
            return true;
        }
        catch (FetchApiException)
        {
            return false;
        }
        catch (HttpRequestException exception)
        {
            throw ApiFailures.NoAnswer(endpoint, exception);
        }
    }

    /// <summary>
    /// An NDJSON <c>--out</c>: the results go to the file as batches store them, while the progress shows as ever;
    /// the job's final answer gives only the counts.
    /// </summary>
    private static async Task<int> RunLiveAsync(IAnsiConsole status, FetchClient api, Uri endpoint, string id, FetchSettings settings, Stopwatch clock, CancellationToken cancellationToken)
    {
        var counts = await WithOutFileAsync(settings, async file =>
        {
            using var following = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var writing = LiveResultsWriter.WriteAsync(api, endpoint, id, file, following.Token);
            try
            {
                using var results = await ProgressView.RunAsync(status, $"Job {Markup.Escape(id)}", report => WaitAsync(api, endpoint, id, settings.Format, report, cancellationToken));
                await writing;
                return results.Counts;
            }
            catch
            {
                // The progress ended first (Ctrl+C, or the server went away): the writer stops too before the file closes.
                await following.CancelAsync();
                await Task.WhenAny(writing);
                throw;
            }
        });
        return Summarize(status, counts, settings, clock.Elapsed);
    }

    private async Task WriteResultsAsync(ResultsBody results, FetchSettings settings, CancellationToken cancellationToken)
    {
        if (settings.ResultsToStandardOutput)
        {
            await using var output = console.OpenOutput();
            await results.CopyToAsync(output, cancellationToken);
            return;
        }

        await WithOutFileAsync(settings, async file =>
        {
            await results.CopyToAsync(file, cancellationToken);
            return results.Counts;
        });
    }

    /// <summary>Runs <paramref name="write"/> on the <c>--out</c> file, created anew; a file that cannot be written is the job's failure, told in one line.</summary>
    private static async Task<T> WithOutFileAsync<T>(FetchSettings settings, Func<Stream, Task<T>> write)
    {
        try
        {
            await using var file = new FileStream(settings.Out!, FileMode.Create, FileAccess.Write, FileShare.Read, 64 * 1024, useAsync: true);
            return await write(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"Cannot write the results to '{settings.Out}': {exception.Message}", ExitCodes.JobFailed);
        }
    }

    private static int Summarize(IAnsiConsole status, ResultCounts counts, FetchSettings settings, TimeSpan elapsed)
    {
        var where = settings.ResultsToStandardOutput ? "standard output" : settings.Out!;
        var colour = counts.RuntimeStatus == "Completed" ? "green" : "red";
        status.MarkupLineInterpolated(
            $"[{colour}]{counts.RuntimeStatus}[/]: {counts.Succeeded} succeeded, {counts.Failed} failed of {counts.Total} in {elapsed.TotalSeconds:0.0} s; {settings.Format.ToString().ToLowerInvariant()} results in {where}");
        return counts.RuntimeStatus == "Completed" ? ExitCodes.Completed : ExitCodes.JobFailed;
    }
}
