namespace FunctionsFetch.Fetching;

/// <summary>Counts the HTTP attempts made for one URL, across retries and redirect hops.</summary>
internal sealed class AttemptCounter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Increment() => Interlocked.Increment(ref _count);
}
