using System.Diagnostics.Metrics;
using CrmRecording.Service.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace CrmRecording.Service.Tests.Telemetry;

/// <summary>
/// Every measurement one service instance's own meter takes (only that instance's: instruments are told apart by the
/// instance's <see cref="IMeterFactory"/>, so tests running side by side do not see each other's), with a wait for one.
/// </summary>
internal sealed class ServiceMeasurements : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<Taken> _taken = [];
    private readonly List<(Func<Taken, bool> Match, TaskCompletionSource<Taken> Seen)> _waiting = [];

    public ServiceMeasurements(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == CrmRecordingTelemetry.Name && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
        // The instruments are created with the telemetry singleton: make sure they exist to be published.
        services.GetRequiredService<CrmRecordingTelemetry>();
    }

    /// <summary>Reads the observable gauges now.</summary>
    public void Observe() => _listener.RecordObservableInstruments();

    public IReadOnlyList<Taken> All(string instrument)
    {
        lock (_taken)
        {
            return [.. _taken.Where(t => t.Instrument == instrument)];
        }
    }

    /// <summary>The first measurement of <paramref name="instrument"/> whose tags include <paramref name="tags"/>, taken already or awaited.</summary>
    public Task<Taken> WaitForAsync(string instrument, params (string Key, object Value)[] tags)
    {
        bool Match(Taken t) => t.Instrument == instrument && tags.All(tag => t.Tags.TryGetValue(tag.Key, out var v) && Equals(v, tag.Value));
        lock (_taken)
        {
            if (_taken.FirstOrDefault(Match) is { } already)
            {
                return Task.FromResult(already);
            }

            var seen = new TaskCompletionSource<Taken>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((Match, seen));
            return seen.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var taken = new Taken(instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value ?? string.Empty, StringComparer.Ordinal));
        lock (_taken)
        {
            _taken.Add(taken);
            foreach (var waiter in _waiting.Where(w => w.Match(taken)).ToList())
            {
                _waiting.Remove(waiter);
                waiter.Seen.TrySetResult(taken);
            }
        }
    }

    public sealed record Taken(string Instrument, double Value, IReadOnlyDictionary<string, object> Tags);
}
