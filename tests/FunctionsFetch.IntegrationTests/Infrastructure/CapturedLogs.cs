using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.IntegrationTests.Infrastructure;

/// <summary>Keeps every log line an in-process host writes, so a test can assert on what the engine reported.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public int Count(string fragment) => _lines.Count(line => line.Contains(fragment, StringComparison.Ordinal));

    /// <summary>Waits until a line with <paramref name="fragment"/> has been written; false when none came within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForAsync(string fragment, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (Count(fragment) == 0)
        {
            if (DateTime.UtcNow > until)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception?.Message}");
    }
}
