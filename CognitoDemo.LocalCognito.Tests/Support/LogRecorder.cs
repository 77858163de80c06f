using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CognitoDemo.LocalCognito.Tests.Support;

/// <summary>One log line as written: its category and the formatted message (with any exception).</summary>
public sealed record LogLine(string Category, string Message)
{
    public override string ToString() => $"{Category}: {Message}";
}

/// <summary>Keeps every log line Local Cognito writes, at every level, so tests can check what appears and what never does.</summary>
public sealed class LogRecorder : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> _lines = new();

    public IReadOnlyCollection<LogLine> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Recorder(string category, ConcurrentQueue<LogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(new LogLine(category, formatter(state, exception) + exception));
    }
}
