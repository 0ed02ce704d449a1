using FunctionsFetch.Configuration;
using FunctionsFetch.Fetching;

namespace FunctionsFetch.Jobs;

/// <summary>
/// The orchestration's input: how many URLs the job has (the URLs themselves are in the result store,
/// so no history or replay carries them) and its settings.
/// </summary>
/// <param name="StartBatch">The first batch this generation of the orchestration runs (0 when the job starts).</param>
/// <param name="Before">The job's progress when this generation starts; null when the job starts.</param>
/// <param name="InputJobId">
/// The job whose stored URLs the batches read: the job itself when it starts, and still that job when the
/// engine restarts it under another id (a restart copies this input), so a restarted job refetches the same
/// URLs and writes its results under its own id. Null in inputs written before it existed: the job itself.
/// </param>
/// <param name="HasHeaders">
/// The job sets request headers, stored with its URLs under <paramref name="InputJobId"/>: only this flag, never a value,
/// is in the orchestration's input and history, as values may hold tokens.
/// </param>
/// <param name="HasValidators">The job revalidates an earlier one: prior results are stored beside its URLs, under <paramref name="InputJobId"/>.</param>
/// <param name="Throttled">The hosts throttling the job when the last generation ended, so the next one's status still lists them; null when none.</param>
/// <param name="HasCallback">
/// The job has a completion callback, delivered by its own orchestration (<see cref="FetchJobNames.CallbackInstanceId"/>), which the
/// job tells when it ends: only this flag is in the job's input and history, never the URL.
/// </param>
public sealed record FetchJobInput(
    int UrlCount,
    JobSettings Settings,
    int StartBatch = 0,
    JobCounts? Before = null,
    string? InputJobId = null,
    bool HasHeaders = false,
    IReadOnlyList<ThrottledHost>? Throttled = null,
    bool HasValidators = false,
    bool HasCallback = false);
