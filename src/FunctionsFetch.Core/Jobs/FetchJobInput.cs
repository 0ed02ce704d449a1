using FunctionsFetch.Configuration;

namespace FunctionsFetch.Jobs;

/// <summary>The orchestration's input: validated URLs and fully resolved settings.</summary>
/// <param name="Indexes">For a retry job, each URL's index in the job it retries; otherwise null (position = index).</param>
/// <param name="StartBatch">The first batch this generation of the orchestration runs (0 when the job starts).</param>
/// <param name="Before">The job's progress when this generation starts; null when the job starts.</param>
public sealed record FetchJobInput(IReadOnlyList<string> Urls, JobSettings Settings, IReadOnlyList<int>? Indexes = null, int StartBatch = 0, JobProgress? Before = null);
