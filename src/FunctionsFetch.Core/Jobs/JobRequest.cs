using System.Text.Json.Serialization;
using FunctionsFetch.Configuration;
using FunctionsFetch.Fetching;
using FunctionsFetch.Storage;

namespace FunctionsFetch.Jobs;

/// <summary>
/// A validated job: its URLs and fully resolved settings. Written to the result store when the job
/// starts, so the orchestration carries only a count and each batch reads its own slice.
/// </summary>
/// <param name="Indexes">For a retry job, each URL's index in the job it retries; otherwise null (position = index).</param>
public sealed record JobRequest(IReadOnlyList<string> Urls, JobSettings Settings, IReadOnlyList<int>? Indexes = null)
{
    /// <summary>
    /// The job's own request headers, or null. Stored beside its URLs and never serialized with the request: the
    /// orchestration learns only that there are some (<see cref="FetchJobInput.HasHeaders"/>).
    /// </summary>
    [JsonIgnore]
    public RequestHeaders? Headers { get; init; }

    /// <summary>The earlier job whose results this one revalidates (<c>options.revalidate</c>), or null. Part of the input's hash.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Revalidate { get; init; }

    /// <summary>
    /// With <see cref="Revalidate"/>: by position, the earlier job's result each URL sends validators from (null: none),
    /// matched when the job starts and stored beside its URLs. Derived, so not hashed.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<PriorResult?>? Validators { get; init; }

    /// <summary>
    /// Where the job's completion callback goes, or null. Stored in the job store and never serialized with the request (its URL may
    /// hold a token): the orchestration learns only that there is one (<see cref="FetchJobInput.HasCallback"/>).
    /// </summary>
    [JsonIgnore]
    public CallbackTarget? Callback { get; init; }

    /// <summary>The result index of the URL at <paramref name="position"/>.</summary>
    public int IndexOf(int position) => Indexes?[position] ?? position;

    /// <summary>Each URL with its result index, as the job store keeps them.</summary>
    public IReadOnlyList<JobUrl> ToJobUrls() => Urls.Select((url, position) => new JobUrl(IndexOf(position), url)).ToArray();
}
