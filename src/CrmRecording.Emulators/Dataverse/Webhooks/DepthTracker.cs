using System.Collections.Concurrent;
using CrmRecording.Emulators.Dataverse.Operations;

namespace CrmRecording.Emulators.Dataverse.Webhooks;

/// <summary>
/// Gives each write its <c>CorrelationId</c> and <c>Depth</c>. Inside Dataverse a plug-in's own writes share
/// the triggering operation's correlation and run one level deeper. A webhook handler writes back through
/// the public Web API, where real Dataverse cannot see that link; the stand-in recovers it from the
/// <c>x-ms-correlation-request-id</c> header: a write that carries the correlation id of a webhook the
/// stand-in sent runs at that webhook's depth + 1 with the same correlation. Any other write starts a new
/// chain at depth 1.
/// </summary>
internal sealed class DepthTracker
{
    private const int Remembered = 10_000;
    private readonly ConcurrentDictionary<Guid, int> depths = new();

    public OperationContext Begin(Guid userId, string? correlationHeader)
    {
        if (Guid.TryParse(correlationHeader, out var correlation) && depths.TryGetValue(correlation, out var depth))
        {
            return new OperationContext(userId, correlation, depth + 1);
        }

        return new OperationContext(userId, Guid.NewGuid(), 1);
    }

    public void Delivered(Guid correlationId, int depth)
    {
        if (depths.Count >= Remembered)
        {
            depths.Clear();
        }

        depths.AddOrUpdate(correlationId, depth, (_, known) => Math.Max(known, depth));
    }
}
