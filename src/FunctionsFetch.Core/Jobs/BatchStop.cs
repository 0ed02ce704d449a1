namespace FunctionsFetch.Jobs;

/// <summary>
/// A host's stop as one batch sees it. From the stop on the batch starts no fetch (<see cref="Draining"/>); the
/// fetches in flight get the drain time (<c>Fetch:DrainSeconds</c>) to finish before they are cut too
/// (<see cref="Cut"/>). So a SIGTERM or a scale-in repeats no fetch unless one outlasts the drain.
/// </summary>
internal sealed class BatchStop : IDisposable
{
    private readonly CancellationTokenSource _cut = new();
    private readonly CancellationTokenRegistration _onStop;

    public BatchStop(TimeSpan drain, CancellationToken stopping)
    {
        Draining = stopping;
        _onStop = stopping.Register(() =>
        {
            if (drain <= TimeSpan.Zero)
            {
                _cut.Cancel();
            }
            else
            {
                _cut.CancelAfter(drain);
            }
        });
    }

    /// <summary>Canceled when the host starts to stop: no fetch starts after it.</summary>
    public CancellationToken Draining { get; }

    /// <summary>Canceled the drain time after the stop: the fetches still in flight end.</summary>
    public CancellationToken Cut => _cut.Token;

    public void Dispose()
    {
        // Unregistered first: the callback never touches a disposed source.
        _onStop.Dispose();
        _cut.Dispose();
    }
}
