using System.Diagnostics.Metrics;
using CrmRecording.Vault.Outbox;

namespace CrmRecording.Service.Telemetry;

/// <summary>
/// The outbox's depth per kind as last sampled by <see cref="OutboxDepthSampler"/>: the gauges read it, so an export never
/// waits on the store. A kind that drained since the last sample reads 0 until the sample after (then it is gone).
/// </summary>
internal sealed class OutboxDepthSnapshot(TimeProvider time)
{
    private IReadOnlyList<OutboxDepth> _depths = [];

    public void Update(IReadOnlyList<OutboxDepth> depths) => Volatile.Write(ref _depths, depths);

    public IEnumerable<Measurement<long>> Depths() =>
        Volatile.Read(ref _depths).Select(d => new Measurement<long>(d.Pending, new KeyValuePair<string, object?>("kind", d.Kind)));

    /// <summary>Seconds since the oldest waiting job was queued, at the moment of reading.</summary>
    public IEnumerable<Measurement<double>> Ages()
    {
        var now = time.GetUtcNow();
        return Volatile.Read(ref _depths).Select(d => new Measurement<double>(Math.Max(0, (now - d.OldestCreatedAt).TotalSeconds), new KeyValuePair<string, object?>("kind", d.Kind)));
    }
}
