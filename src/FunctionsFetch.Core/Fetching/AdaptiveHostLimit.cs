namespace FunctionsFetch.Fetching;

/// <summary>
/// One host's allowed fetches in flight in this process, adapted to its answers (AIMD, as TCP does): a 429 or 503 halves
/// it (not below 1), once per step, so the answers of requests already in flight when it was halved do not halve it
/// again; every <c>limit</c> other answers win one back, up to the ceiling, but the step back up to the limit that was
/// throttled waits ten times as long, so a host that throttles at a fixed level is probed seldom instead of every few
/// requests (each probe costs a <c>Retry-After</c> pause for every fetch to it). A <c>Retry-After</c> holds every new
/// request until it passes. Waiters are served oldest first. No System.Threading.RateLimiting limiter can change its
/// permit count while it runs, hence this one.
/// </summary>
internal sealed class AdaptiveHostLimit(int ceiling, TimeProvider time)
{
    private readonly object _gate = new();
    /// <summary>How much longer the step back to a throttled limit waits than the steps below it.</summary>
    internal const int ProbeSlowdown = 10;

    private readonly Queue<TaskCompletionSource<int>> _waiters = new();
    private int _limit = ceiling;
    private int _inFlight;
    private int _step;
    private int _successes;
    private long _holdUntil;
    private long _lastThrottled;
    private int _throttledAt;

    public int Ceiling { get; } = ceiling;

    public int Limit
    {
        get { lock (_gate) { return _limit; } }
    }

    /// <summary>Whether the host may be forgotten: nothing in flight or queued, no hold, and no throttling for <paramref name="quietFor"/>.</summary>
    public bool IsIdle(TimeSpan quietFor)
    {
        lock (_gate)
        {
            return _inFlight == 0 && _waiters.Count == 0 && HoldLocked() <= TimeSpan.Zero &&
                (_lastThrottled == 0 || time.GetElapsedTime(_lastThrottled) > quietFor);
        }
    }

    /// <summary>What is left of the host's <c>Retry-After</c>; zero or less when none.</summary>
    public TimeSpan Hold()
    {
        lock (_gate)
        {
            return HoldLocked();
        }
    }

    /// <summary>Whether the host throttled at or after <paramref name="since"/> (a <see cref="TimeProvider"/> timestamp), or is still backed off.</summary>
    public bool ThrottledSince(long since)
    {
        lock (_gate)
        {
            return _limit < Ceiling || HoldLocked() > TimeSpan.Zero || (_lastThrottled != 0 && _lastThrottled >= since);
        }
    }

    /// <summary>Waits for a place; the step it returns goes back with the answer to <see cref="Report"/>.</summary>
    public async ValueTask<int> EnterAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource<int> waiter;
        lock (_gate)
        {
            if (_waiters.Count == 0 && _inFlight < _limit)
            {
                _inFlight++;
                return _step;
            }

            waiter = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue(waiter);
        }

        // A canceled waiter stays queued until a release skips it: its TrySetResult fails, so it never takes a place.
        await using (cancellationToken.Register(static w => ((TaskCompletionSource<int>)w!).TrySetCanceled(), waiter))
        {
            return await waiter.Task;
        }
    }

    /// <summary>Gives a place back.</summary>
    public void Leave()
    {
        lock (_gate)
        {
            _inFlight--;
            AdmitLocked();
        }
    }

    /// <summary>
    /// Learns from an answer: <paramref name="throttled"/> (429 or 503) halves the limit, unless it was already halved since
    /// <paramref name="step"/>; another answer counts toward one more place. <paramref name="retryAfter"/> holds the host.
    /// </summary>
    public void Report(int step, bool throttled, TimeSpan? retryAfter)
    {
        lock (_gate)
        {
            if (throttled)
            {
                _lastThrottled = time.GetTimestamp();
                if (step == _step)
                {
                    _throttledAt = _limit;
                    _limit = Math.Max(1, _limit / 2);
                    _step++;
                    _successes = 0;
                }

                if (retryAfter is { } wait && wait > TimeSpan.Zero)
                {
                    var until = time.GetTimestamp() + (long)(wait.TotalSeconds * time.TimestampFrequency);
                    _holdUntil = Math.Max(_holdUntil, until);
                }

                return;
            }

            var needed = _throttledAt > 0 && _limit + 1 >= _throttledAt ? _limit * ProbeSlowdown : _limit;
            if (_limit < Ceiling && ++_successes >= needed)
            {
                _limit++;
                _successes = 0;
                if (_limit >= _throttledAt)
                {
                    // Back at the level that was throttled, and not throttled: the host takes more now.
                    _throttledAt = 0;
                }

                AdmitLocked();
            }
        }
    }

    private TimeSpan HoldLocked()
    {
        if (_holdUntil == 0)
        {
            return TimeSpan.Zero;
        }

        var left = _holdUntil - time.GetTimestamp();
        return left <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(left / (double)time.TimestampFrequency);
    }

    private void AdmitLocked()
    {
        while (_inFlight < _limit && _waiters.TryDequeue(out var next))
        {
            if (next.TrySetResult(_step))
            {
                _inFlight++;
            }
        }
    }
}
