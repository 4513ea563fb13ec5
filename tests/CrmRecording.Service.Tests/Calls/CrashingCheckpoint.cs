using CrmRecording.Service.Ingest;
using CrmRecording.Service.Recovery;

namespace CrmRecording.Service.Tests.Calls;

/// <summary>Stops an ingest once right after each named step, as a process crash there would.</summary>
internal sealed class CrashingCheckpoint(params string[] steps) : FlowCheckpoint
{
    private readonly HashSet<string> _pending = [.. steps];
    private readonly List<string> _crashed = [];

    public IReadOnlyList<string> Crashed
    {
        get
        {
            lock (_crashed)
            {
                return [.. _crashed];
            }
        }
    }

    public override void Reached(string step)
    {
        lock (_crashed)
        {
            if (!_pending.Remove(step))
            {
                return;
            }

            _crashed.Add(step);
        }

        throw new InvalidOperationException($"simulated crash after '{step}'");
    }
}
