using System.ComponentModel.DataAnnotations;

namespace CrmRecording.Service.Outbox;

/// <summary>The <c>Outbox</c> section's lease and lane settings.</summary>
internal sealed class OutboxWorkerOptions
{
    public const string Section = "Outbox";

    /// <summary>
    /// How long a claim holds a job without a heartbeat; a running job's lease is renewed every third of it, so a
    /// crashed instance's job is taken again by another (or by itself, restarted) within this time.
    /// </summary>
    [Range(2, 600)]
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>Attempts per job kind before it is dead-lettered, overriding the kind's own default.</summary>
    public Dictionary<string, int> MaxAttempts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Jobs of a kind run at once in one instance, overriding the kind's own default.</summary>
    public Dictionary<string, int> Parallelism { get; set; } = new(StringComparer.Ordinal);
}
