namespace FunctionsFetch.Jobs;

/// <summary>
/// Lets one start of a given client-chosen jobId through at a time in this process, so two concurrent
/// requests with the same id cannot both find it free and both schedule it. Striped: a fixed set of
/// locks, an id hashed onto one, so memory stays bounded whatever ids come in.
/// </summary>
public static class JobStartGate
{
    private static readonly SemaphoreSlim[] Stripes = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>Waits for the id's stripe; dispose the result to let the next start through.</summary>
    public static async Task<IDisposable> EnterAsync(string jobId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        var stripe = Stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(jobId) % (uint)Stripes.Length)];
        await stripe.WaitAsync(cancellationToken);
        return new Release(stripe);
    }

    private sealed class Release(SemaphoreSlim stripe) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                stripe.Release();
            }
        }
    }
}
