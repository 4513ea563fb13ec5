namespace CrmRecording.Service.Logging;

/// <summary>The service's logger factory: the usual one, each logger it creates wrapped by <see cref="RedactingLogger"/>.</summary>
internal sealed class RedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();
}
