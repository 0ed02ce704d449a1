using System.Globalization;
using FunctionsFetch.Client;
using Spectre.Console;

namespace FunctionsFetch.Local.Cli;

/// <summary>
/// A live progress bar for one job: done/total, percentage, URLs per second and time left. On a console
/// that is not interactive (a file, a pipe) Spectre writes occasional progress lines instead.
/// </summary>
internal static class ProgressView
{
    /// <summary>Runs <paramref name="poll"/> with a callback that shows each progress report; returns what it returns.</summary>
    public static Task<T> RunAsync<T>(IAnsiConsole console, string description, Func<Action<FetchProgress>, Task<T>> poll)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(poll);
        return console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new UrlCountColumn(),
                new RemainingTimeColumn(),
                new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(description, maxValue: 1);
                var outcome = await poll(progress =>
                {
                    task.MaxValue = Math.Max(progress.Total, 1);
                    task.Value = progress.Completed;
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"{description} [grey]{Markup.Escape(progress.RuntimeStatus)}[/]{(progress.Failed > 0 ? $" [red]{progress.Failed} failed[/]" : string.Empty)}");
                });
                task.StopTask();
                return outcome;
            });
    }
}
