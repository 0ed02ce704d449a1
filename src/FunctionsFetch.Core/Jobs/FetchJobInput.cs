using FunctionsFetch.Configuration;

namespace FunctionsFetch.Jobs;

/// <summary>The orchestration's input: validated URLs and fully resolved settings.</summary>
public sealed record FetchJobInput(IReadOnlyList<string> Urls, JobSettings Settings);
