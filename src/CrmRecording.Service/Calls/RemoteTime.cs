using System.Diagnostics;

namespace CrmRecording.Service.Calls;

/// <summary>
/// Time one request spent waiting on remote systems (the CRM, Twilio), so the service's own overhead can be
/// told apart: answered as <c>Server-Timing: remote;dur=…, app;dur=…</c>.
/// </summary>
internal sealed class RemoteTime
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private long _remote;

    public async Task<T> MeasureAsync<T>(Func<Task<T>> call)
    {
        var from = Stopwatch.GetTimestamp();
        try
        {
            return await call().ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Add(ref _remote, Stopwatch.GetTimestamp() - from);
        }
    }

    public string ServerTiming()
    {
        var total = Stopwatch.GetElapsedTime(_started).TotalMilliseconds;
        var remote = Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _remote)).TotalMilliseconds;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"remote;dur={remote:F2}, app;dur={Math.Max(0, total - remote):F2}");
    }
}
