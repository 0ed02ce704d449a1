namespace FunctionsFetch.Fetching;

/// <summary>Counts the HTTP attempts made for one URL, across retries, redirect hops and batches it was handed back between.</summary>
internal sealed class AttemptCounter(int start = 0)
{
    private int _count = start;

    public int Count => Volatile.Read(ref _count);

    public void Increment() => Interlocked.Increment(ref _count);
}
