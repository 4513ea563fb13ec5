namespace CrmRecording.Service.Logging;

/// <summary>Passes entries on unchanged unless they carry a <c>code=</c> query value; those go on redacted, message and values alike.</summary>
internal sealed class RedactingLogger(ILogger inner) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull =>
        state is string text && QueryKeyRedaction.Applies(text) ? inner.BeginScope(QueryKeyRedaction.Redact(text)) : inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }

        var message = formatter(state, exception);
        var values = state as IReadOnlyList<KeyValuePair<string, object?>>;
        if (!QueryKeyRedaction.Applies(message) && (values is null || !values.Any(v => QueryKeyRedaction.Applies(Text(v.Value)))))
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
            return;
        }

        var redacted = new RedactedState(
            QueryKeyRedaction.Redact(message),
            values?.Select(v => Text(v.Value) is { } text ? new KeyValuePair<string, object?>(v.Key, QueryKeyRedaction.Redact(text)) : v).ToList() ?? []);
        inner.Log(logLevel, eventId, redacted, exception, static (s, _) => s.Message);
    }

    /// <summary>The values that can hold a URL: strings, URIs and ASP.NET Core's query and path types.</summary>
    private static string? Text(object? value) => value switch
    {
        string s => s,
        Uri or QueryString or PathString => value.ToString(),
        _ => null,
    };

    /// <summary>A redacted entry: its message and its structured values, as providers read them.</summary>
    private sealed class RedactedState(string message, IReadOnlyList<KeyValuePair<string, object?>> values) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public string Message { get; } = message;

        public int Count => values.Count;

        public KeyValuePair<string, object?> this[int index] => values[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => Message;
    }
}
