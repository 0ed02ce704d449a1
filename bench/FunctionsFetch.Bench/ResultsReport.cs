using System.Globalization;
using System.Text;

namespace FunctionsFetch.Bench;

/// <summary>Writes the run as Markdown: the machine, the date, a table per scenario, and the crash scenario.</summary>
public static class ResultsReport
{
    public static void Write(string path, IReadOnlyList<ContenderResult> rows, HostSplit? twoHosts, CrashRows? crash, AzuriteCrashRows? azuriteCrash, IReadOnlyDictionary<string, string> overrides)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(overrides);
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.AppendLine("# Benchmark results").AppendLine();
        text.AppendLine(culture, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, by `dotnet run -c Release --project bench/FunctionsFetch.Bench`.");
        text.AppendLine("Each target answers after a fixed latency L and records the most requests it saw in flight; a run with more than C in flight would fail.");
        text.AppendLine("Wall time is from submitting the job to its results being readable (status polled every 1% of the ideal time, 20-250 ms). FunctionsFetch runs as its own process (the local host); its peak memory is that process's working set (both processes' added up for two hosts, as is their CPU). The seed pool runs in the benchmark's process, so its memory includes the target.");
        text.AppendLine("CPU per URL is the contender's process's user + system CPU time from submit to readable, divided by N: the FunctionsFetch host's own (the target and Azurite run in other processes), curl's own, and for the seed pool the benchmark's process, which also runs the target.");
        text.AppendLine("Every FunctionsFetch job names no option but `concurrency` (C); the server plans its batches, and each row's note shows the plan. The host settings the benchmark raises: `extensions:durableTask:maxConcurrentActivityFunctions` to max(10, C / 10), so the planner can keep 20 fetches per batch; `Fetch:MaxConcurrencyPerHost` and `Fetch:Defaults:MaxPerHost` to C, since the target is one host; `Fetch:MaxUrlsPerJob` and `Fetch:AllowPrivateNetworks` so the job and the loopback target are allowed.");
        text.AppendLine(overrides.Count == 0
            ? "Beyond those, FunctionsFetch runs with the repository's host.json as it is (no `--set`)."
            : "FunctionsFetch runs with host.json and these overrides: " + string.Join(", ", overrides.Select(o => $"`{o.Key}={o.Value}`")) + ".").AppendLine();
        foreach (var scenario in rows.Select(r => r.Scenario).Distinct())
        {
            text.AppendLine(culture, $"## {scenario}: ideal ceil(N/C) x L = {scenario.Ideal.TotalSeconds:F2} s").AppendLine();
            text.AppendLine("| contender | wall | x ideal | URLs/s | CPU per URL | submit to first fetch | last answer to readable | peak in flight | peak memory | how |");
            text.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
            foreach (var row in rows.Where(r => r.Scenario == scenario))
            {
                var cpu = row.CpuMicrosecondsPerUrl is { } micros ? string.Create(culture, $"{micros:F0} µs") : "-";
                var memory = row.PeakMemoryBytes > 0 ? string.Create(culture, $"{row.PeakMemoryBytes / 1048576.0:F0} MiB") : "-";
                text.AppendLine(culture, $"| {row.Contender} | {row.Wall.TotalSeconds:F2} s | {row.RatioToIdeal:F2}x | {row.UrlsPerSecond:F0} | {cpu} | {row.ToFirstFetch.TotalSeconds:F2} s | {row.AfterLastFetch.TotalSeconds:F2} s | {row.PeakInFlight} | {memory} | {row.Note} |");
            }

            text.AppendLine();
            if (twoHosts is not null && rows.Any(r => r.Scenario == scenario && r.Contender == TwoHostsContender.Contender))
            {
                text.AppendLine(culture, $"Two hosts: two local host processes on one task hub, the job submitted to the first; each host's own `functionsfetch_fetches_total` and `functionsfetch_batches_total` split the work {twoHosts}. Both share this machine's cores, so the row shows the split and what a second process costs, not a speed-up.");
                text.AppendLine();
            }
        }

        if (crash is not null)
        {
            text.AppendLine(culture, $"## Crash at half done: {crash.Scenario}, ideal {crash.Scenario.Ideal.TotalSeconds:F2} s").AppendLine();
            text.AppendLine("| contender | time to all results | x ideal | URLs fetched twice | what happens |");
            text.AppendLine("|---|---|---|---|---|");
            text.AppendLine(culture, $"| seed pool (C workers) | {crash.SeedPool.TotalSeconds:F2} s | {crash.SeedPool / crash.Scenario.Ideal:F2}x | all it had fetched | the results die with the process; it starts over from zero |");
            text.AppendLine(culture, $"| FunctionsFetch, Azurite, no crash | {crash.WithoutCrash.TotalSeconds:F2} s | {crash.WithoutCrash / crash.Scenario.Ideal:F2}x | 0 | the same job on the same clock (from the host's start), not stopped: what a crash adds is the difference; {crash.Plan} |");
            foreach (var row in crash.FunctionsFetch)
            {
                var how = row.Signal == "SIGKILL"
                    ? "host killed (SIGKILL) half a batch after half done and started again: the batches in flight come back when their work-item visibility timeout (10 s in host.json) passes and fetch only what their checkpoints had not saved"
                    : "host stopped (SIGTERM) half a batch after half done and started again: its batches let the fetches in flight finish (`Fetch:DrainSeconds`), store them and hand the URLs not yet started back, to run at once";
                text.AppendLine(culture, $"| FunctionsFetch, Azurite, {row.Signal} | {row.Total.TotalSeconds:F2} s | {row.Total / crash.Scenario.Ideal:F2}x | {row.FetchedTwice} | {how}; progress again {row.ResumedAfter.TotalSeconds:F1} s after the restart; {crash.Plan} |");
            }
            text.AppendLine();
        }

        if (azuriteCrash is not null)
        {
            text.AppendLine(culture, $"## Azurite killed at half done: {azuriteCrash.Scenario}, ideal {azuriteCrash.Scenario.Ideal.TotalSeconds:F2} s (`--scenarios azurite-crash`)").AppendLine();
            text.AppendLine("Azurite, its data on disk, SIGKILLed and started again at once on the same folder; the host keeps running.").AppendLine();
            text.AppendLine("| round | completed at the kill | how the job ended | took | results in order | URLs never fetched | URLs fetched twice |");
            text.AppendLine("|---|---|---|---|---|---|---|");
            foreach (var (row, round) in azuriteCrash.Rounds.Select((row, i) => (row, i + 1)))
            {
                text.AppendLine(culture, $"| {round} | {row.DoneAtKill} | {row.Ending} | {row.Took.TotalSeconds:F1} s | {row.Results} | {row.NeverFetched} | {row.FetchedTwice} |");
            }

            text.AppendLine();
        }

        File.WriteAllText(path, text.ToString());
    }
}
