using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CrmRecording.Service.Tests;

/// <summary>Every log entry the service writes, at every level, with its structured values, for tests to inspect.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyList<Entry> Entries => [.. _entries];

    /// <summary>The settings that let every category through at Trace level.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> TraceSettings =>
    [
        new("Logging:LogLevel:Default", "Trace"),
        new("Logging:LogLevel:Microsoft", "Trace"),
        new("Logging:LogLevel:Microsoft.AspNetCore", "Trace"),
        new("Logging:LogLevel:System", "Trace"),
    ];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    /// <summary>One entry: everything a sink could write (message, structured values, exception).</summary>
    public sealed record Entry(LogLevel Level, string Category, string Message, IReadOnlyList<string> Values, Exception? Exception)
    {
        public bool Mentions(string text) =>
            Message.Contains(text, StringComparison.Ordinal)
            || Values.Any(v => v.Contains(text, StringComparison.Ordinal))
            || (Exception?.ToString().Contains(text, StringComparison.Ordinal) ?? false);

        public override string ToString() => $"{Level} {Category}: {Message}{(Exception is null ? string.Empty : " " + Exception.GetType().Name)}";
    }

    private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? pairs.Select(p => $"{p.Key}={p.Value}").ToList() : [];
            entries.Enqueue(new Entry(logLevel, category, formatter(state, exception), values, exception));
        }
    }
}
