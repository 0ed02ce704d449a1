using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace FunctionsFetch.Bench;

/// <summary>
/// A peer nobody here wrote: <c>curl -Z --parallel-max C</c> over a config file of the N URLs, each body to /dev/null and
/// its status written out, so the results are counted. curl 7.88 clamps <c>--parallel-max</c> at 300 (<see cref="MaxParallel"/>).
/// Its CPU time is read with bash's <c>times</c>, which reports what the shell's children used.
/// </summary>
public static class CurlContender
{
    /// <summary>The most transfers curl runs at once, whatever <c>--parallel-max</c> asks (curl's own cap).</summary>
    public const int MaxParallel = 300;

    private const string Curl = "/usr/bin/curl";

    /// <summary>Whether curl is on this machine; the row is skipped where it is not.</summary>
    public static bool IsAvailable => File.Exists(Curl);

    /// <summary>How the report describes this contender for <paramref name="scenario"/>.</summary>
    public static string Describe(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var note = $"`curl -Z --parallel-max {scenario.Concurrency}` over a config file of the URLs, in its own process";
        return scenario.Concurrency > MaxParallel ? $"{note}; curl 7.88 caps parallel transfers at {MaxParallel}, so it ran {MaxParallel} at most, not {scenario.Concurrency}" : note;
    }

    public static async Task<RunTimes> RunAsync(Scenario scenario, IReadOnlyList<string> urls)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(urls);
        var config = Path.GetTempFileName();
        try
        {
            var text = new StringBuilder();
            foreach (var url in urls)
            {
                text.Append("url = \"").Append(url).Append("\"\noutput = \"/dev/null\"\n");
            }

            await File.WriteAllTextAsync(config, text.ToString());
            var start = new ProcessStartInfo("bash")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{Curl} -s -Z --parallel-max {scenario.Concurrency} -w '%{{http_code}}\\n' -K '{config}'; times >&2"));
            var submitted = Stopwatch.GetTimestamp();
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var readable = Stopwatch.GetTimestamp();
            var answered = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(code => code == "200");
            return new RunTimes(submitted, readable, answered, PeakMemoryBytes: 0, ChildrenCpuTime(await errors));
        }
        finally
        {
            File.Delete(config);
        }
    }

    /// <summary>bash's <c>times</c>: the shell's user and system time, then its children's, as <c>0m1.234s 0m0.567s</c>.</summary>
    private static TimeSpan? ChildrenCpuTime(string times)
    {
        var lines = times.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length < 2)
        {
            return null;
        }

        var parts = lines[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2 && TryParse(parts[0], out var user) && TryParse(parts[1], out var system) ? user + system : null;
    }

    private static bool TryParse(string text, out TimeSpan time)
    {
        time = TimeSpan.Zero;
        var m = text.IndexOf('m', StringComparison.Ordinal);
        if (m < 0 || !text.EndsWith('s') ||
            !int.TryParse(text[..m], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) ||
            !double.TryParse(text[(m + 1)..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        time = TimeSpan.FromMinutes(minutes) + TimeSpan.FromSeconds(seconds);
        return true;
    }
}
