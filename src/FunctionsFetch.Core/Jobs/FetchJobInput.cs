using FunctionsFetch.Configuration;

namespace FunctionsFetch.Jobs;

/// <summary>
/// The orchestration's input: how many URLs the job has (the URLs themselves are in the result store,
/// so no history or replay carries them) and its settings.
/// </summary>
/// <param name="StartBatch">The first batch this generation of the orchestration runs (0 when the job starts).</param>
/// <param name="Before">The job's progress when this generation starts; null when the job starts.</param>
public sealed record FetchJobInput(int UrlCount, JobSettings Settings, int StartBatch = 0, JobCounts? Before = null);
