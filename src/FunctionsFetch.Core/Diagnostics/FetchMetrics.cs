using System.Diagnostics.Metrics;

namespace FunctionsFetch.Diagnostics;

/// <summary>
/// The meter <see cref="MeterName"/>: what a host does, counted where it happens, for OpenTelemetry to export (Prometheus
/// on the local host, Azure Monitor from the Functions app). Every label has a small, fixed set of values: no host, URL or
/// job id is ever a label (per-host detail stays in a job's status), so a job over 100,000 hosts adds no series.
/// </summary>
public sealed class FetchMetrics
{
    public const string MeterName = "FunctionsFetch";

    public const string OutcomeTag = "outcome";
    public const string ErrorKindTag = "error_kind";
    public const string StatusClassTag = "status_class";
    public const string StatusCodeTag = "status_code";
    public const string StatusTag = "status";

    /// <summary>The label value for "no error" and "no HTTP answer".</summary>
    public const string None = "none";

    private readonly Counter<long> _fetches;
    private readonly Counter<long> _bytes;
    private readonly Histogram<double> _duration;
    private readonly UpDownCounter<long> _inFlight;
    private readonly Counter<long> _throttles;
    private readonly Counter<long> _batches;
    private readonly Counter<long> _jobsStarted;
    private readonly Counter<long> _jobsEnded;

    public FetchMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _fetches = meter.CreateCounter<long>(
            "functionsfetch.fetches", "{fetch}", "URLs fetched to a stored result, by outcome (succeeded, failed), error kind and status class.");
        _bytes = meter.CreateCounter<long>("functionsfetch.fetch.bytes", "By", "Body bytes read by fetches that stored a result.");
        _duration = meter.CreateHistogram(
            "functionsfetch.fetch.duration",
            "s",
            "Wall time of a URL's fetch, all its attempts and redirects included, by outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120] });
        _inFlight = meter.CreateUpDownCounter<long>("functionsfetch.fetches.in_flight", "{fetch}", "Fetches running in this process now.");
        _throttles = meter.CreateCounter<long>(
            "functionsfetch.host.throttles", "{response}", "429 and 503 answers that backed a host off, by status code (per-host detail: the job's status).");
        _batches = meter.CreateCounter<long>(
            "functionsfetch.batches", "{batch}", "Batch activities run, by outcome (stored, failed, job_ended, host_stopping).");
        _jobsStarted = meter.CreateCounter<long>("functionsfetch.jobs.started", "{job}", "Jobs scheduled (new and retry-failed jobs).");
        _jobsEnded = meter.CreateCounter<long>("functionsfetch.jobs.ended", "{job}", "Jobs that ended, by runtime status (Completed, Failed, Terminated).");
    }

    /// <summary>A fetch began: <see cref="FetchEnded"/> must follow.</summary>
    public void FetchStarted() => _inFlight.Add(1);

    public void FetchEnded() => _inFlight.Add(-1);

    /// <summary>A URL's result was stored: counted once per result, whichever way it ended.</summary>
    /// <param name="failed">An error, or an answer of 400 and above.</param>
    /// <param name="errorKind">The result's error kind as the API writes it (<c>timeout</c>…), or null.</param>
    /// <param name="statusCode">The final HTTP status, or null when no answer came.</param>
    /// <param name="elapsedMs">The URL's wall time, all attempts included.</param>
    /// <param name="bytesRead">Body bytes read for it (0 for a 304 that kept an earlier body).</param>
    public void Fetched(bool failed, string? errorKind, int? statusCode, long elapsedMs, long bytesRead)
    {
        var outcome = failed ? "failed" : "succeeded";
        _fetches.Add(
            1,
            new KeyValuePair<string, object?>(OutcomeTag, outcome),
            new KeyValuePair<string, object?>(ErrorKindTag, errorKind ?? None),
            new KeyValuePair<string, object?>(StatusClassTag, StatusClass(statusCode)));
        _duration.Record(elapsedMs / 1000.0, new KeyValuePair<string, object?>(OutcomeTag, outcome));
        if (bytesRead > 0)
        {
            _bytes.Add(bytesRead);
        }
    }

    /// <summary>A host answered 429 or 503 and was backed off.</summary>
    public void HostThrottled(int statusCode) => _throttles.Add(1, new KeyValuePair<string, object?>(StatusCodeTag, statusCode));

    /// <summary>A batch activity ended: one of <see cref="BatchOutcomes"/>.</summary>
    public void BatchEnded(string outcome) => _batches.Add(1, new KeyValuePair<string, object?>(OutcomeTag, outcome));

    public void JobStarted() => _jobsStarted.Add(1);

    /// <summary>A job ended with this runtime status (<c>Completed</c>, <c>Failed</c>, <c>Terminated</c>).</summary>
    public void JobEnded(string runtimeStatus) => _jobsEnded.Add(1, new KeyValuePair<string, object?>(StatusTag, runtimeStatus));

    private static string StatusClass(int? statusCode) => statusCode switch
    {
        >= 100 and < 200 => "1xx",
        >= 200 and < 300 => "2xx",
        >= 300 and < 400 => "3xx",
        >= 400 and < 500 => "4xx",
        >= 500 and < 600 => "5xx",
        _ => None,
    };
}
