using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Tests.TestSupport;

/// <summary>Writes every log line, whatever its level, to a queue.</summary>
public sealed class LineLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new LineLogger(lines);

    public void Dispose()
    {
    }

    private sealed class LineLogger(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(formatter(state, exception));
    }
}
