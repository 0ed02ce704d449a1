using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace FunctionsFetch.Testing;

/// <summary>
/// A loopback host that rate-limits as real sites do: a request that finds more than <c>allowed</c> others in flight
/// gets 429 with <c>Retry-After</c>; the rest wait <c>latency</c> and answer 200. It counts what it saw itself,
/// so a test asserts from the target's side, never from the client's logs.
/// </summary>
public sealed class RateLimitedTarget : IAsyncDisposable
{
    private readonly LoopbackServer _server;
    private readonly object _gate = new();
    private int _inFlight;
    private int _peakInFlight;
    private int _peakAfterThrottling;
    private int _throttled;
    private int _served;

    private RateLimitedTarget(LoopbackServer server) => _server = server;

    /// <summary>Most requests in flight at once, over the target's whole life.</summary>
    public int PeakInFlight { get { lock (_gate) { return _peakInFlight; } } }

    /// <summary>Most requests in flight at once counted from the moment it first answered 429.</summary>
    public int PeakInFlightAfterThrottling { get { lock (_gate) { return _peakAfterThrottling; } } }

    /// <summary>429 answers sent.</summary>
    public int Throttled => Volatile.Read(ref _throttled);

    /// <summary>200 answers sent.</summary>
    public int Served => Volatile.Read(ref _served);

    public static async Task<RateLimitedTarget> StartAsync(int allowed, int retryAfterSeconds, TimeSpan latency)
    {
        RateLimitedTarget? target = null;
        var server = await LoopbackServer.StartAsync(context => target!.HandleAsync(context, allowed, retryAfterSeconds, latency));
        target = new RateLimitedTarget(server);
        return target;
    }

    public string Url(string key) => _server.Url($"/{key}");

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task HandleAsync(HttpContext context, int allowed, int retryAfterSeconds, TimeSpan latency)
    {
        bool throttle;
        lock (_gate)
        {
            _inFlight++;
            _peakInFlight = Math.Max(_peakInFlight, _inFlight);
            if (_throttled > 0)
            {
                _peakAfterThrottling = Math.Max(_peakAfterThrottling, _inFlight);
            }

            throttle = _inFlight > allowed;
            if (throttle)
            {
                _throttled++;
            }
        }

        try
        {
            if (throttle)
            {
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return;
            }

            await Task.Delay(latency, context.RequestAborted);
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync($"body of {context.Request.Path}", context.RequestAborted);
            Interlocked.Increment(ref _served);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up; nothing to answer.
        }
        finally
        {
            lock (_gate)
            {
                _inFlight--;
            }
        }
    }
}
