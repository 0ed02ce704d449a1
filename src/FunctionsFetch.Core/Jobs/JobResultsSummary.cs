using System.Text.Json;
using FunctionsFetch.Fetching;
using FunctionsFetch.Serialization;

namespace FunctionsFetch.Jobs;

/// <summary>
/// What a job's stored results add up to, for a person looking at the job: results by outcome class, failures by error
/// kind, and the slowest hosts. Filled one result at a time, so a 100,000-row job is summed as it streams.
/// </summary>
public sealed class JobResultsSummary
{
    /// <summary>The slowest hosts listed at most.</summary>
    public const int MaxSlowestHosts = 10;

    /// <summary>Outcome classes, in the order they are shown.</summary>
    public static readonly IReadOnlyList<string> OutcomeClasses = ["2xx", "3xx", "4xx", "5xx", "error"];

    private readonly Dictionary<string, int> _byOutcome = OutcomeClasses.ToDictionary(o => o, _ => 0, StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _byErrorKind = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HostTimes> _hosts = new(StringComparer.Ordinal);

    /// <summary>Results added.</summary>
    public int Count { get; private set; }

    public void Add(UrlResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Count++;
        _byOutcome[OutcomeOf(result)]++;
        if (result.Error is { } error)
        {
            var kind = KindName(error.Kind);
            _byErrorKind[kind] = _byErrorKind.GetValueOrDefault(kind) + 1;
        }

        if (HttpUrl.TryParse(result.Url, out var url))
        {
            var host = HostAuthority.Of(url);
            _hosts[host] = _hosts.TryGetValue(host, out var times) ? times.Add(result.ElapsedMs) : new HostTimes(1, result.ElapsedMs, result.ElapsedMs);
        }
    }

    /// <summary>Results by outcome class: <c>2xx</c> to <c>5xx</c> by status (a 1xx counts with 2xx, as no final answer is one), <c>error</c> with no usable answer.</summary>
    public IReadOnlyDictionary<string, int> ByOutcome => _byOutcome;

    /// <summary>Results with an error, by its kind as the API writes it (<c>timeout</c>, <c>dns</c>, …).</summary>
    public IReadOnlyDictionary<string, int> ByErrorKind => _byErrorKind;

    /// <summary>The hosts whose results took longest on average, slowest first, at most <see cref="MaxSlowestHosts"/>.</summary>
    public IReadOnlyList<HostLatency> SlowestHosts =>
        _hosts
            .Select(h => new HostLatency(h.Key, h.Value.Count, h.Value.TotalMs / h.Value.Count, h.Value.MaxMs))
            .OrderByDescending(h => h.AverageMs)
            .ThenBy(h => h.Host, StringComparer.Ordinal)
            .Take(MaxSlowestHosts)
            .ToArray();

    /// <summary>The outcome class of one result.</summary>
    public static string OutcomeOf(UrlResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result switch
        {
            { Error: not null } or { StatusCode: null } => "error",
            { StatusCode: >= 500 } => "5xx",
            { StatusCode: >= 400 } => "4xx",
            { StatusCode: >= 300 } => "3xx",
            _ => "2xx",
        };
    }

    /// <summary>An error kind's name as the API writes it.</summary>
    public static string KindName(FetchErrorKind kind) => JsonSerializer.Serialize(kind, FetchJson.Options).Trim('"');

    private readonly record struct HostTimes(int Count, long TotalMs, long MaxMs)
    {
        public HostTimes Add(long elapsedMs) => new(Count + 1, TotalMs + elapsedMs, Math.Max(MaxMs, elapsedMs));
    }
}
