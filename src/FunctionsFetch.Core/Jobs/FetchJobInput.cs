using FunctionsFetch.Configuration;

namespace FunctionsFetch.Jobs;

/// <summary>The orchestration's input: validated URLs and fully resolved settings.</summary>
/// <param name="Indexes">For a retry job, each URL's index in the job it retries; otherwise null (position = index).</param>
public sealed record FetchJobInput(IReadOnlyList<string> Urls, JobSettings Settings, IReadOnlyList<int>? Indexes = null);
