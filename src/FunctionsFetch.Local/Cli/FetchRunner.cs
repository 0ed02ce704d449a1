using System.Diagnostics;
using FunctionsFetch.Api;
using Spectre.Console;

namespace FunctionsFetch.Local.Cli;

/// <summary>
/// One <c>fetch</c> run: read the URLs, start the job (on the server or an embedded engine), show its
/// progress until it ends, stream its results out, and turn its outcome into the exit code.
/// Ctrl+C terminates the job on the server before exiting.
/// </summary>
internal sealed class FetchRunner(CliConsole console)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(300);
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
        using var http = FetchApiClient.CreateHttp(embedded?.Endpoint ?? settings.Endpoint, settings.ApiKey);
        var api = new FetchApiClient(http);
        var id = await api.StartAsync(urls, settings.JobOptions, settings.JobId, cancellationToken);
        var clock = Stopwatch.StartNew();
        try
        {
            using var results = await ProgressView.RunAsync(status, $"Job {Markup.Escape(id)}", report => PollUntilDoneAsync(api, id, settings.Format, report, cancellationToken));
            await WriteResultsAsync(results, settings, cancellationToken);
            return Summarize(status, results.Counts, settings, clock.Elapsed);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            using var timeout = new CancellationTokenSource(CancelTimeout);
            var canceled = await api.CancelAsync(id, timeout.Token);
            status.MarkupLineInterpolated($"[yellow]Canceled: job {id} {(canceled ? "terminated" : "had already ended")}.[/]");
            return ExitCodes.Canceled;
        }
    }

    private static async Task<ResultsBody> PollUntilDoneAsync(FetchApiClient api, string id, ResultFormat format, Action<JobProgressWire> report, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (progress, finished) = await api.PollAsync(id, format, cancellationToken);
            if (finished is not null)
            {
                var results = await ResultsBody.OpenAsync(finished, id, format, cancellationToken);
                var counts = results.Counts;
                report(new JobProgressWire(id, counts.RuntimeStatus, counts.Total, counts.Succeeded + counts.Failed, counts.Failed));
                return results;
            }

            report(progress!);
            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private async Task WriteResultsAsync(ResultsBody results, FetchSettings settings, CancellationToken cancellationToken)
    {
        if (settings.ResultsToStandardOutput)
        {
            await using var output = console.OpenOutput();
            await results.CopyToAsync(output, cancellationToken);
            return;
        }

        try
        {
            await using var file = new FileStream(settings.Out!, FileMode.Create, FileAccess.Write, FileShare.Read, 64 * 1024, useAsync: true);
            await results.CopyToAsync(file, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"Cannot write the results to '{settings.Out}': {exception.Message}", ExitCodes.JobFailed);
        }
    }

    private static int Summarize(IAnsiConsole status, JobHeadWire counts, FetchSettings settings, TimeSpan elapsed)
    {
        var where = settings.ResultsToStandardOutput ? "standard output" : settings.Out!;
        var colour = counts.RuntimeStatus == "Completed" ? "green" : "red";
        status.MarkupLineInterpolated(
            $"[{colour}]{counts.RuntimeStatus}[/]: {counts.Succeeded} succeeded, {counts.Failed} failed of {counts.Total} in {elapsed.TotalSeconds:0.0} s; {settings.Format.ToString().ToLowerInvariant()} results in {where}");
        return counts.RuntimeStatus == "Completed" ? ExitCodes.Completed : ExitCodes.JobFailed;
    }
}
