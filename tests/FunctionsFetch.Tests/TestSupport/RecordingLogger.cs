using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Tests.TestSupport;

/// <summary>Keeps every message with the scope values open when it was written.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly AsyncLocal<ImmutableScopes?> _scopes = new();

    public List<(LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Scope)> Entries { get; } = [];

    public IDisposable BeginScope<TState>(TState state)
        where TState : notnull
    {
        var parent = _scopes.Value;
        _scopes.Value = new ImmutableScopes(state, parent);
        return new Pop(() => _scopes.Value = parent);
    }

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        var scope = new Dictionary<string, object?>();
        for (var current = _scopes.Value; current is not null; current = current.Parent)
        {
            if (current.State is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    scope.TryAdd(key, value);
                }
            }
        }

        lock (Entries)
        {
            Entries.Add((logLevel, formatter(state, exception), scope));
        }
    }

    private sealed record ImmutableScopes(object State, ImmutableScopes? Parent);

    private sealed class Pop(Action pop) : IDisposable
    {
        public void Dispose() => pop();
    }
}
