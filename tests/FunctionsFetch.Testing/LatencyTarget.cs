using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace FunctionsFetch.Testing;

/// <summary>
/// A loopback target that answers each request after a latency (<c>?ms=</c> on the URL, or a default),
/// with <c>?status=</c> to answer another status (and <c>&amp;retryAfter=S</c> to send <c>Retry-After: S</c> with it)
/// and <c>?failFirst=N</c> to answer 500 to the first N hits,
/// and records hits per URL and the most requests it saw in flight at once.
/// </summary>
public sealed class LatencyTarget : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.Ordinal);
    private readonly LoopbackServer _server;
    private int _inFlight;
    private int _peakInFlight;
    private long _firstRequestAt;
    private long _lastResponseAt;

    private LatencyTarget(LoopbackServer server) => _server = server;

    public int PeakInFlight => Volatile.Read(ref _peakInFlight);

    public int TotalHits => _server.Hits;

    public static async Task<LatencyTarget> StartAsync(TimeSpan defaultLatency)
    {
        LatencyTarget? target = null;
        var server = await LoopbackServer.StartAsync(context => target!.HandleAsync(context, defaultLatency));
        target = new LatencyTarget(server);
        return target;
    }

    /// <summary>A URL on this target; <paramref name="key"/> makes it unique, <paramref name="latency"/> overrides the default.</summary>
    public string Url(string key, TimeSpan? latency = null) =>
        _server.Url(latency is null ? $"/item/{key}" : $"/item/{key}?ms={(int)latency.Value.TotalMilliseconds}");

    /// <summary>A URL answering <paramref name="status"/>, or 500 to its first <paramref name="failFirst"/> hits and 200 after.</summary>
    public string FailingUrl(string key, int? status = null, int? failFirst = null) =>
        _server.Url(status is not null ? $"/item/{key}?status={status}" : $"/item/{key}?failFirst={failFirst}");

    /// <summary>A URL answering <paramref name="status"/> with <c>Retry-After: <paramref name="retryAfterSeconds"/></c>, every time.</summary>
    public string RetryAfterUrl(string key, int status, int retryAfterSeconds) =>
        _server.Url($"/item/{key}?status={status}&retryAfter={retryAfterSeconds}");

    public int Port => _server.Port;

    /// <summary>How often the URL made by <see cref="Url"/> was requested.</summary>
    public int HitsFor(string url) => _hits.TryGetValue(new Uri(url).PathAndQuery, out var hits) ? hits : 0;

    public void ResetPeak() => Volatile.Write(ref _peakInFlight, Volatile.Read(ref _inFlight));

    /// <summary>When the first request since the last <see cref="ResetTimeline"/> arrived (a <see cref="Stopwatch"/> timestamp; 0 when none).</summary>
    public long FirstRequestAt => Interlocked.Read(ref _firstRequestAt);

    /// <summary>When the last answer since the last <see cref="ResetTimeline"/> was sent (a <see cref="Stopwatch"/> timestamp; 0 when none).</summary>
    public long LastResponseAt => Interlocked.Read(ref _lastResponseAt);

    /// <summary>Forgets earlier requests' times, so a warm-up does not count.</summary>
    public void ResetTimeline()
    {
        Interlocked.Exchange(ref _firstRequestAt, 0);
        Interlocked.Exchange(ref _lastResponseAt, 0);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task HandleAsync(HttpContext context, TimeSpan defaultLatency)
    {
        var now = Interlocked.Increment(ref _inFlight);
        UpdatePeak(now);
        Interlocked.CompareExchange(ref _firstRequestAt, Stopwatch.GetTimestamp(), 0);
        try
        {
            var hit = _hits.AddOrUpdate(context.Request.Path + context.Request.QueryString, 1, (_, n) => n + 1);
            var latency = int.TryParse(context.Request.Query["ms"], NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
                ? TimeSpan.FromMilliseconds(ms)
                : defaultLatency;
            await Task.Delay(latency, context.RequestAborted);
            if (Number(context, "failFirst") is { } failFirst && hit <= failFirst)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return;
            }

            context.Response.StatusCode = Number(context, "status") ?? StatusCodes.Status200OK;
            if (Number(context, "retryAfter") is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            }

            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync($"body of {context.Request.Path}", context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up; nothing to answer.
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            Interlocked.Exchange(ref _lastResponseAt, Stopwatch.GetTimestamp());
        }
    }

    private static int? Number(HttpContext context, string name) =>
        int.TryParse(context.Request.Query[name], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private void UpdatePeak(int now)
    {
        int peak;
        while (now > (peak = Volatile.Read(ref _peakInFlight)) && Interlocked.CompareExchange(ref _peakInFlight, now, peak) != peak)
        {
        }
    }
}
