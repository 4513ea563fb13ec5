using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace CrmRecording.Benchmarks.Load;

/// <summary>Every request's latency (Stopwatch ticks, from when it was due), status and size; summarised once at the end.</summary>
internal sealed class LoadSamples(int count)
{
    private readonly long[] _total = new long[count];
    private readonly long[] _firstByte = new long[count];
    private readonly bool[] _done = new bool[count];
    private readonly double[] _serverApp = Enumerable.Repeat(double.NaN, count).ToArray();
    private readonly ConcurrentDictionary<string, int> _outcomes = new(StringComparer.Ordinal);
    private long _bytes;
    private long _maxLag;
    private int _errors;

    public int Count => count;

    public int Errors => _errors;

    public long Started { get; set; }

    public long Finished { get; set; }

    public void NoteLag(long ticks)
    {
        // Written by the one schedule thread only.
        _maxLag = Math.Max(_maxLag, ticks);
    }

    public void Record(int index, int status, long firstByte, long total, long bytes)
    {
        _firstByte[index] = firstByte;
        _total[index] = total;
        _done[index] = true;
        Interlocked.Add(ref _bytes, bytes);
        _outcomes.AddOrUpdate(status.ToString(CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
        if (status is < 200 or > 299)
        {
            Interlocked.Increment(ref _errors);
        }
    }

    /// <summary>The service's own time for the request from its <c>Server-Timing: app;dur=…</c>, remote calls excluded.</summary>
    public void RecordServerApp(int index, double milliseconds) => _serverApp[index] = milliseconds;

    public void Fail(int index, long total, string error)
    {
        _total[index] = total;
        _firstByte[index] = total;
        _done[index] = true;
        _outcomes.AddOrUpdate(error, 1, (_, n) => n + 1);
        Interlocked.Increment(ref _errors);
    }

    public void Print(TextWriter output, bool firstByte)
    {
        var seconds = (Finished - Started) / (double)Stopwatch.Frequency;
        var outcomes = string.Join(", ", _outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}: {o.Value}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"requests {count}, errors {_errors} ({outcomes}), achieved {count / seconds:F1}/s (last answer {seconds:F1} s after the first was due), {_bytes / 1048576.0:F1} MiB received, max schedule lag {Milliseconds(_maxLag):F2} ms"));
        if (firstByte)
        {
            output.WriteLine(Line("first byte", _firstByte));
        }

        output.WriteLine(Line(firstByte ? "full response" : "latency", _total));
        var app = _serverApp.Where(double.IsFinite).Order().ToArray();
        if (app.Length > 0)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"server time without remote calls (Server-Timing app) ms: p50 {AtMs(app, 0.50):F2}  p90 {AtMs(app, 0.90):F2}  p99 {AtMs(app, 0.99):F2}  p99.9 {AtMs(app, 0.999):F2}  max {app[^1]:F2}  ({app.Length} answers)"));
        }
    }

    private static double AtMs(double[] sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];

    private string Line(string name, long[] ticks)
    {
        var sorted = ticks.Where((_, i) => _done[i]).Order().ToArray();
        if (sorted.Length == 0)
        {
            return $"{name}: no answers";
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"{name} ms: p50 {At(sorted, 0.50):F2}  p90 {At(sorted, 0.90):F2}  p99 {At(sorted, 0.99):F2}  p99.9 {At(sorted, 0.999):F2}  max {Milliseconds(sorted[^1]):F2}");
    }

    private static double At(long[] sorted, double quantile) =>
        Milliseconds(sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)]);

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
