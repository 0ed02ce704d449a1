namespace FunctionsFetch.Testing;

/// <summary>Disposes several things at once, last first, for a test that starts a variable number of servers.</summary>
public sealed class AsyncDisposables(IEnumerable<IAsyncDisposable> items) : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _items = [.. items];

    public async ValueTask DisposeAsync()
    {
        for (var i = _items.Count - 1; i >= 0; i--)
        {
            await _items[i].DisposeAsync();
        }
    }
}
