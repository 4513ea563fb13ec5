using CrmRecording.Vault.Outbox;

namespace CrmRecording.Service.Outbox;

/// <summary>
/// The jobs one loop of the worker claims and how many it runs at once. Each kind has a lane of its own, so an
/// hour-long ingest never holds up a consent log write; jobs of a kind nobody handles have the last lane, which
/// dead-letters them at once.
/// </summary>
/// <param name="Handler">Null for the lane of unknown kinds.</param>
internal sealed record OutboxLane(string Name, OutboxKinds Kinds, IOutboxJobHandler? Handler, int MaxAttempts, int Parallelism)
{
    public static IReadOnlyList<OutboxLane> For(IEnumerable<IOutboxJobHandler> handlers, OutboxWorkerOptions options)
    {
        var lanes = handlers
            .GroupBy(h => h.Kind, StringComparer.Ordinal)
            .Select(g => g.Last())
            .Select(h => new OutboxLane(
                h.Kind,
                OutboxKinds.Only(h.Kind),
                h,
                Math.Max(1, options.MaxAttempts.TryGetValue(h.Kind, out var attempts) ? attempts : h.MaxAttempts),
                Math.Clamp(options.Parallelism.TryGetValue(h.Kind, out var parallel) ? parallel : h.Parallelism, 1, 64)))
            .ToList();
        lanes.Add(new OutboxLane("unknown kinds", OutboxKinds.AllBut(lanes.Select(l => l.Name)), null, 1, 1));
        return lanes;
    }
}
