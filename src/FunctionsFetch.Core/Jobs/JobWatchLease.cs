namespace FunctionsFetch.Jobs;

/// <summary>A batch's hold on its job's watch: <see cref="Token"/> fires once the job is canceled or has ended.</summary>
public sealed class JobWatchLease(Action release, CancellationToken token) : IDisposable
{
    private Action? _release = release;

    public CancellationToken Token { get; } = token;

    public bool JobEnded => Token.IsCancellationRequested;

    public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
}
