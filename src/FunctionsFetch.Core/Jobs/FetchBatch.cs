using FunctionsFetch.Configuration;

namespace FunctionsFetch.Jobs;

/// <summary>The fetch activity's input: which run of the job's stored URLs to fetch.</summary>
/// <param name="JobId">The job (orchestration instance) the URLs and results are stored under.</param>
/// <param name="Number">The batch's position among the job's batches, from 0.</param>
/// <param name="Offset">The position of the batch's first URL in the job's input.</param>
/// <param name="Count">How many URLs the batch has.</param>
/// <param name="Round">0 for the batch itself; n for its n-th run of URLs it handed back.</param>
/// <param name="HandedBack">With a <paramref name="Round"/> above 0: the batch's URLs this run fetches, and nothing else.</param>
/// <param name="InputJobId">The job whose stored URLs the batch reads (a restarted job reads those of the job it restarts); null: <paramref name="JobId"/>.</param>
/// <param name="HasHeaders">The job's request headers are stored beside its URLs (their values are never here: this is history).</param>
/// <param name="HasValidators">The job revalidates an earlier one: prior results are stored beside its URLs.</param>
public sealed record FetchBatch(
    string JobId,
    int Number,
    int Offset,
    int Count,
    JobSettings Settings,
    int Round = 0,
    IReadOnlyList<HandedBackUrl>? HandedBack = null,
    string? InputJobId = null,
    bool HasHeaders = false,
    bool HasValidators = false)
{
    /// <summary>Where the batch's URLs are stored.</summary>
    public string InputOf => InputJobId ?? JobId;

    /// <summary>The next round of this batch, for the URLs its last run handed back.</summary>
    public FetchBatch NextRound(IReadOnlyList<HandedBackUrl> handedBack) => this with { Round = Round + 1, HandedBack = handedBack };
}
